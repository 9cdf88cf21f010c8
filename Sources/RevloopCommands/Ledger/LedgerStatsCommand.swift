internal import ArgumentParser
internal import RevloopCore
internal import RevloopStore

/// `revloop ledger stats`.
struct LedgerStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Operations by platform and state, and dead letters and rejections by the platform's code.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    struct Stats: Encodable {
        /// platform -> state -> operations.
        var states: [String: [String: Int]] = [:]
        /// platform -> code -> rejected or dead-lettered operations.
        var codes: [String: [String: Int]] = [:]
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        var stats = Stats()
        for entry in try await store.ledgerEntries().values {
            stats.states[entry.platform.rawValue, default: [:]][entry.state.rawValue, default: 0] += 1
            if entry.state == .rejected || entry.state == .deadLetter, let code = entry.lastCode {
                stats.codes[entry.platform.rawValue, default: [:]]["\(entry.state.rawValue) \(code)", default: 0] += 1
            }
        }
        if format == .json {
            try output.json(stats)
            return
        }
        let states = LedgerEntry.State.allCases.map(\.rawValue)
        var rows = [["platform"] + states]
        for platform in stats.states.keys.sorted() {
            rows.append([platform] + states.map { String(stats.states[platform]?[$0] ?? 0) })
        }
        var lines = stats.states.isEmpty ? ["The ledger is empty: nothing has been sent yet."] : PlanReport.table(rows)
        for platform in stats.codes.keys.sorted() {
            for (code, count) in (stats.codes[platform] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("  \(platform): \(count) x \(code)")
            }
        }
        output.result(lines.joined(separator: "\n"))
    }
}
