internal import ArgumentParser
internal import Foundation
internal import RevloopConnectors
internal import RevloopCore

/// `revloop sample`: writes a realistic, deterministic CRM export to try everything without an account.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate a realistic B2B CRM export (deterministic for a seed).",
        discussion: """
            Writes manifest.json, pipelines.json, companies.csv, contacts.csv, click_ids.csv, deals.jsonl and spend.csv (the format a file connector reads; see the README). Every timestamp is before the anchor day's midnight UTC, so platform windows such as Meta's 7 days hold when the anchor is today. Streams to disk: a million deals stay far under 200 MB of memory.

            Example: revloop sample --seed 7 --deals 100000 --out /tmp/crm
            """)

    @Option(help: "Seed: the same seed, deal count and anchor give the same bytes.")
    var seed: UInt64 = 42

    @Option(help: "How many deals to generate.")
    var deals = 3_000

    @Option(help: "Folder to write the export into (created if needed).")
    var out: String

    @Option(
        help: ArgumentHelp("The day the sample treats as today (YYYY-MM-DD); default: today (UTC).", valueName: "date"))
    var asOf: String?

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard deals > 0, deals <= 100_000_000 else { throw ValidationError("--deals must be from 1 to 100000000") }
    }

    func run() async throws {
        let output = Output(progress: progress)
        let anchor: CalendarDay
        if let asOf {
            guard let day = CalendarDay(iso: asOf.prefix(10)) else {
                throw ValidationError("--as-of '\(asOf)' is not a date such as 2026-11-29")
            }
            anchor = day
        } else {
            anchor = SystemWallClock().now().utcDay
        }
        let generator = SampleGenerator(seed: seed, dealCount: deals, anchor: anchor)
        let manifest: ExportManifest
        do {
            manifest = try generator.write(to: out) { written in
                output.progress("sample: \(written) of \(deals) deals written")
            }
        } catch {
            output.endProgress()
            output.error("\(out): error: cannot write the sample: \(error.localizedDescription)")
            throw ExitStatus.runFailed
        }
        output.endProgress()
        switch format {
        case .json: try output.json(manifest)
        case .text:
            output.result(
                "sample: wrote \(manifest.deals ?? 0) deals, \(manifest.contacts ?? 0) contacts, "
                    + "\(manifest.companies ?? 0) companies to \(out) (seed \(seed), anchored \(anchor))")
        }
    }
}
