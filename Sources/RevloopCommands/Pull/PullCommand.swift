internal import ArgumentParser
internal import Foundation
internal import RevloopConnectors
internal import RevloopCore
internal import RevloopIdentity
internal import RevloopStore

/// `revloop pull`: loads what changed in each connector's CRM into the store.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Load what changed in the CRM into the store.",
        discussion: """
            Reads each connector in revloop.yaml (or just --connector NAME) from where its last pull stopped. Pages are committed with their cursors, so a pull that is interrupted (even by kill -9) resumes where it stopped, and pulling again finds 0 new records.

            Rows that cannot be used are reported as file:line: diagnostics and skipped; the rest still load. Exit code 1 when any row was rejected.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Pull only this connector (its 'name' in connectors/*.yaml).")
    var connector: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @Option(help: "Print at most this many error diagnostics; the rest are counted.")
    var maxDiagnostics = 50

    @Flag(help: "Print every warning (by default warnings are summed up per file and problem).")
    var showWarnings = false

    func run() async throws {
        let output = Output(progress: progress, diagnosticLimit: maxDiagnostics)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let clock = try project.clock()
        var connectors = loaded.connectors
        if let connector {
            connectors = connectors.filter { $0.name.rawValue == connector }
            guard !connectors.isEmpty else {
                let names = loaded.connectors.map(\.name.rawValue).joined(separator: ", ")
                throw ValidationError("no connector named '\(connector)' (configured: \(names))")
            }
        }
        let logger = try project.logger(label: "revloop.pull")
        // Run bookkeeping records when the run really happened; --as-of pins the data's clock only.
        let machineClock = SystemWallClock()
        let store = try project.openStore(config, output: output)
        let sources: [any CRMSource]
        let runID: Int64
        do {
            sources = try connectors.map { config throws(ConnectorError) in try CRMSources.make(config, roster: store) }
            runID = try await store.beginRun(
                command: "pull", startedAt: machineClock.now(), processID: ProcessInfo.processInfo.processIdentifier)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        var printed = 0
        var suppressed = 0
        var warningCounts: [String: Int] = [:]
        let job = PullJob(
            store: store, sources: sources, asOf: clock.now(), identity: IdentityGraphUpdater(store: store),
            logger: logger)
        let summary: PullSummary
        do {
            summary = try await job.run { page in
                for diagnostic in page.diagnostics {
                    if diagnostic.severity == .warning, !showWarnings {
                        warningCounts["\(diagnostic.source.path): warning: \(diagnostic.message)", default: 0] += 1
                    } else if printed < output.diagnosticLimit {
                        if printed == 0 { output.endProgress() }
                        output.diagnostic(diagnostic)
                        printed += 1
                    } else {
                        suppressed += 1
                    }
                }
                let progress = page.progress
                let percent = progress.total.map { $0 > 0 ? " \(progress.completed * 100 / $0)%" : "" } ?? ""
                output.progress("pull: \(progress.stream)\(percent), \(progress.recordsRead) rows read")
            }
        } catch {
            throw await output.failRun(error, store: store, runID: runID, clock: machineClock)
        }
        output.endProgress()
        for (warning, count) in warningCounts.sorted(by: { $0.key < $1.key }) {
            output.error("\(warning) (\(count) row\(count == 1 ? "" : "s"); --show-warnings lists them)")
        }
        if suppressed > 0 {
            output.error("note: \(suppressed) more diagnostics not shown (--max-diagnostics to see more)")
        }
        let status: RunRecord.Status = summary.rejected > 0 ? .succeededWithDiagnostics : .succeeded
        do {
            try await store.finishRun(
                id: runID, finishedAt: machineClock.now(), status: status, summary: figures(summary))
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        switch format {
        case .json: try output.json(summary)
        case .text: output.result(describe(summary))
        }
        if summary.rejected > 0 { throw ExitStatus.recordsRejected }
    }

    private func figures(_ summary: PullSummary) -> [String: Int] {
        var figures: [String: Int] = [:]
        for connector in summary.connectors {
            let tallies = [
                ("pipelines", connector.outcome.pipelines), ("companies", connector.outcome.companies),
                ("contacts", connector.outcome.contacts), ("click_ids", connector.outcome.clickIDs),
                ("deals", connector.outcome.deals),
            ]
            for (kind, tally) in tallies {
                figures["\(connector.name).\(kind).inserted", default: 0] += tally.inserted
                figures["\(connector.name).\(kind).updated", default: 0] += tally.updated
            }
            figures["\(connector.name).rejected"] = connector.rejected
            figures["\(connector.name).warnings"] = connector.warnings
        }
        return figures
    }

    private func describe(_ summary: PullSummary) -> String {
        var lines: [String] = []
        for connector in summary.connectors {
            let outcome = connector.outcome
            lines.append(
                "connector \(connector.name): \(connector.recordsRead) rows read, \(outcome.total.changed) new or changed"
            )
            let rows: [(String, RecordTally)] = [
                ("pipelines", outcome.pipelines), ("companies", outcome.companies), ("contacts", outcome.contacts),
                ("click ids", outcome.clickIDs), ("deals", outcome.deals), ("activities", outcome.activities),
            ]
            for (name, tally) in rows {
                lines.append(
                    "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(tally.inserted) new, \(tally.updated) updated, \(tally.unchanged) unchanged"
                )
            }
            lines.append("  rejected   \(connector.rejected) rows (errors above)")
            lines.append("  warnings   \(connector.warnings) (rows kept without an unusable field)")
        }
        if let identity = summary.identity {
            lines.append(
                "identity graph: \(identity.dirty) changed identifiers, \(identity.resolved) re-resolved; refused "
                    + "\(identity.graph.refusedShared) links through shared identifiers, "
                    + "\(identity.graph.refusedCRMConflict) joining two records of one CRM")
        }
        return lines.joined(separator: "\n")
    }
}
