internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopStore

/// `revloop ledger show KEY | --deal ID`.
struct LedgerShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One operation's state and history (by dedup key), or every operation of a deal.",
        discussion: """
            Examples:
              revloop ledger show rl1-0123456789abcdef0123456789abcdef
              revloop ledger show --deal d-42
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "A dedup key (rl1-...), as `plan --deal` and the summaries print it.")
    var key: String?

    @Option(help: "Show every operation of this deal.")
    var deal: String?

    @Option(help: "With --deal: the connector (default: every connector).")
    var connector: String?

    func validate() throws {
        if (key == nil) == (deal == nil) { throw ValidationError("give a dedup key or --deal ID (one of them)") }
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        var entries: [LedgerEntry] = []
        if let key {
            guard let entry = try await store.ledgerEntry(key: DedupKey(rawValue: key)) else {
                output.error("error: the ledger has no operation '\(key)' (`revloop ledger stats` counts what it has)")
                throw ExitStatus.recordsRejected
            }
            entries = [entry]
        } else if let deal {
            for connector in loaded.connectors where self.connector == nil || connector.name.rawValue == self.connector
            {
                entries += try await store.ledgerEntries(connector: connector.name, deal: DealID(deal))
            }
            guard !entries.isEmpty else {
                output.error(
                    "error: the ledger has no operation for deal '\(deal)'; `revloop plan --deal \(deal)` says why")
                throw ExitStatus.recordsRejected
            }
        }
        var lines: [String] = []
        for entry in entries {
            lines.append(
                "\(entry.key)  \(entry.platform.rawValue)  goal \(entry.goal)  deal \(entry.dealID)  stage \(entry.stageID)"
            )
            var status =
                "  \(entry.state.rawValue), \(entry.value), \(entry.attempts) attempt\(entry.attempts == 1 ? "" : "s")"
            if let code = entry.lastCode { status += ", last answer \(code)" }
            if let request = entry.requestID {
                status += ", request \(request)"
                if let processed = try await store.requestStatus(id: request) {
                    let errors = processed.errors.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    status +=
                        " (the platform's processing: \(processed.state), \(processed.records) events"
                        + (errors.isEmpty ? "" : "; " + errors.joined(separator: ", ")) + ")"
                }
            }
            if let held = entry.heldBefore { status += ", held before \(held)" }
            lines.append(status)
            for event in try await store.ledgerHistory(key: entry.key) {
                var line =
                    "    \(event.recordedAt)  \(event.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(event.value)  \(event.note)"
                if let code = event.code { line += " [\(code)]" }
                lines.append(line)
            }
        }
        output.result(lines.joined(separator: "\n"))
    }
}
