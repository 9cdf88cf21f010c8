internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopStore

/// `revloop spend pull`: each destination's daily campaign spend from its platform's reporting API.
struct SpendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Pull daily campaign spend from the ad platforms' reporting APIs into the store.",
        discussion: """
            For every destination with an `ad_account` in revloop.yaml, reads what each campaign spent each day \
            (Google Ads API searchStream for Google destinations, Meta insights, LinkedIn adAnalytics) and \
            stores it; a day pulled again replaces what was stored for it. `revloop allocate --spend store` \
            then splits the budget by it, with outcomes from the CRM (`--outcomes crm`).

            Examples:
              revloop spend pull --days 28
              revloop spend pull --since 2026-06-01 --until 2026-11-28 --out spend.csv
              revloop spend pull -c revloop.sandbox.yaml
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "What to do: pull.")
    var action: String = "pull"

    @Option(help: "The first day (YYYY-MM-DD); default: --days before --until.")
    var since: String?

    @Option(help: "The last day (YYYY-MM-DD); default: yesterday (UTC), as today's spend is still moving.")
    var until: String?

    @Option(help: "How many days to pull when --since is not given.")
    var days = 28

    @Option(help: ArgumentHelp("Also write the rows as a daily spend CSV (the allocator's format).", valueName: "file"))
    var out: String?

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard action == "pull" else { throw ValidationError("'\(action)' is not an action: use `revloop spend pull`") }
        guard (1...730).contains(days) else { throw ValidationError("--days is 1 to 730") }
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let today = try project.clock().now().utcDay
        let through = try until.map(Self.day) ?? today.adding(days: -1)
        let from = try since.map(Self.day) ?? through.adding(days: -Int64(days) + 1)
        guard from <= through else { throw ValidationError("--since \(from) is after --until \(through)") }
        guard config.destinations.values.contains(where: { $0.adAccount != nil }) else {
            output.error(
                "spend: no destination names an `ad_account` in \(config.sourcePath); add one (a Google Ads customer id, a Meta act_ id or a LinkedIn sponsored account) to the destinations to read"
            )
            throw ExitStatus.configInvalid
        }
        let store = try project.openStore(config, output: output)
        let outcomes = try await SpendJob(store: store, config: config, transport: URLSessionHTTPTransport())
            .run(from: from, through: through)
        if let out {
            let rows = try await store.spend(from: from, through: through)
            let text = ([SpendRow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                output.error("error: cannot write \(out): \(error.localizedDescription)")
                throw ExitStatus.runFailed
            }
        }
        if format == .json {
            try output.json(outcomes)
        } else {
            var rows = [["destination", "channel", "days", "rows", "campaigns", "spend"]]
            for outcome in outcomes {
                let spend = outcome.spend.sorted { $0.key < $1.key }.map { code, minor in
                    CurrencyCode(code).map { Money(minorUnits: minor, currency: $0).description } ?? "\(minor) \(code)"
                }.joined(separator: ", ")
                rows.append([
                    outcome.destination, outcome.channel, "\(from)..\(through)", String(outcome.rows),
                    String(outcome.campaigns), outcome.error.map { "error: \($0)" } ?? spend,
                ])
            }
            output.result(PlanReport.table(rows).joined(separator: "\n"))
        }
        if outcomes.contains(where: { $0.error != nil }) { throw ExitStatus.runFailed }
    }

    static func day(_ text: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else { throw ValidationError("'\(text)' is not a date (YYYY-MM-DD)") }
        return day
    }
}
