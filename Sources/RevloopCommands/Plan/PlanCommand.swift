internal import ArgumentParser
internal import Foundation
internal import RevloopConnectors
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopIdentity
internal import RevloopMapping
internal import RevloopStore

/// `revloop plan`: the whole loop up to, and not including, sending.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what would be sent to each ad platform, and why anything is not. Sends nothing.",
        discussion: """
            Pulls what changed in the CRM (as `revloop pull` does; --no-pull skips it), then decides for every deal, \
            goal (mappings/*.yaml) and stage whether to upload, restate, retract or skip, against what the ledger \
            says each platform already holds. Google gets restatements and retractions by transaction id; Meta and \
            LinkedIn cannot adjust a sent event, so the plan counts those as 'no-adjust' instead of sending twice.

            Skips name their reason: outside the window, held out, no amount, no exchange rate, no contact, consent, \
            no matchable identifier, already sent.

            Formats: text (a table per goal), json (the same numbers), wire (the exact HTTP requests, one JSON object \
            per line with platform, method, url, headers with secrets redacted, and body).

            Examples:
              revloop plan
              revloop plan --deal d-42
              revloop plan --format wire | head -1 | python3 -m json.tool
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output: text, json, or wire (the exact requests, one JSON object per line).")
    var format: PlanFormat = .text

    @Option(help: "Explain one deal: its stage history and each goal's decision.")
    var deal: String?

    @Option(help: "Plan only this connector's deals.")
    var connector: String?

    @Flag(help: "Plan from the store as it is, without pulling first.")
    var noPull = false

    @Flag(
        help: ArgumentHelp(
            "Plan file exports straight from their files, without loading them into the store.",
            discussion:
                "The ledger is still read from the store when it exists. Fast on large exports: contacts are read and hashed only for the deals that need them."
        ))
    var fromExport = false

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    func run() async throws {
        let output = Output(progress: progress, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let asOf = try project.clock().now()
        var connectors = loaded.connectors
        if let connector {
            connectors = connectors.filter { $0.name.rawValue == connector }
            guard !connectors.isEmpty else {
                throw ValidationError(
                    "no connector named '\(connector)' (configured: \(loaded.connectors.map(\.name.rawValue).joined(separator: ", ")))"
                )
            }
        }
        let goals = PlanJob.goals(config: config, mappings: loaded.mappings)
        if goals.isEmpty {
            output.error(
                "warning: no mappings are configured; list mapping files under 'mappings' in \(config.sourcePath)")
        }
        var planner = ConversionPlanner(goals: goals, rates: loaded.exchangeRates, asOf: asOf)

        var tally = PlanTally(goals: goals)
        var reasons: [String: String] = [:]
        var explained = [Bool](repeating: false, count: SkipReason.codes.count)
        var batcher = WireBatcher(options: wireOptions(config: config, asOf: asOf))
        var requestsPerGoal: [String: Int] = [:]
        var wire: [UInt8] = []
        var goalOfKey: [DedupKey: String] = [:]
        let format = format
        func emit(_ requests: [WireRequest]) {
            for request in requests {
                if format == .wire {
                    request.appendJSONLine(to: &wire)
                    if wire.count > 1 << 20 {
                        FileHandle.standardOutput.write(Data(wire))
                        wire.removeAll(keepingCapacity: true)
                    }
                } else if let key = request.keys.first, let goal = goalOfKey[key] {
                    requestsPerGoal[goal, default: 0] += 1
                }
            }
        }
        func consume(_ operation: PlannedOperation) {
            tally.add(operation)
            if case .skip(let reason) = operation.action, !explained[reason.ordinal] {
                explained[reason.ordinal] = true
                reasons[reason.code] = reason.explanation
            }
            guard operation.sends else { return }
            if format != .wire { goalOfKey[operation.key] = operation.goal }
            emit(batcher.add(operation))
        }

        if fromExport {
            guard deal == nil else { throw ValidationError("--deal reads the store; drop --from-export") }
            if planner.needsScoringFeatures {
                output.error(
                    "note: --from-export values `predicted` goals by stage probability (the scoring model reads "
                        + "activities from the store); plan without --from-export for the model's values")
            }
            do {
                let storeExists = FileManager.default.fileExists(atPath: config.storePath)
                let store = storeExists ? try project.openStore(config, output: output) : nil
                let ledger = try await store?.ledgerEntries() ?? [:]
                var scans: [(connector: ConnectorConfig, scan: ExportScan)] = []
                for connector in connectors {
                    guard connector.kind == .file else {
                        throw ValidationError(
                            "--from-export plans file connectors; '\(connector.name)' is \(connector.kind.rawValue)")
                    }
                    let source = try FileExportSource(config: connector)
                    let pinned = try await store?.cursors(connector: connector.name) ?? [:]
                    scans.append(
                        (
                            connector,
                            ExportScan(source: source, rebaseDays: try source.rebaseDays(pinned: pinned, asOf: asOf))
                        ))
                }
                var errors = 0
                tally.deals = try ExportPlanJob(planner: planner, ledger: ledger, scans: scans).run(
                    diagnostic: { diagnostic in
                        if diagnostic.severity == .error {
                            errors += 1
                            if errors <= output.diagnosticLimit { output.diagnostic(diagnostic) }
                        }
                    }, progress: { output.progress($0) },
                    skipped: { goalIndex, reason in
                        tally.addSkip(goalIndex: goalIndex, reason: reason)
                        if !explained[reason.ordinal] {
                            explained[reason.ordinal] = true
                            reasons[reason.code] = reason.explanation
                        }
                    }, operation: consume)
                if errors > output.diagnosticLimit {
                    output.error(
                        "note: \(errors - output.diagnosticLimit) more rows rejected (`revloop pull` lists them)")
                }
            } catch let error as ValidationError {
                throw error
            } catch {
                output.endProgress()
                output.error("error: \(error)")
                throw ExitStatus.runFailed
            }
        } else {
            let store = try project.openStore(config, output: output)
            if !noPull {
                try await Self.pull(store: store, connectors: connectors, asOf: asOf, output: output, project: project)
            }
            planner.valuer.estimator = try await ActiveModelEstimator.forGoals(goals, store: store, output: output)
            let job = PlanJob(store: store, planner: planner, connectors: connectors)
            if let deal {
                try await explain(deal: DealID(deal), job: job, goals: goals, store: store)
                return
            }
            do {
                try await job.run { deals, operations in
                    tally.deals += deals
                    for operation in operations { consume(operation) }
                    output.progress("plan: \(tally.deals) deals, \(tally.sending) operations to send")
                }
            } catch {
                output.endProgress()
                output.error("error: \(error)")
                throw ExitStatus.runFailed
            }
        }
        output.endProgress()
        emit(batcher.finish())
        switch format {
        case .wire: FileHandle.standardOutput.write(Data(wire))
        case .json, .text:
            let report = PlanReport(tally: tally, asOf: asOf, requests: requestsPerGoal, reasons: reasons)
            if format == .json { try output.json(report) } else { output.result(report.text) }
        }
    }

    /// Request options for the plan: secrets redacted, each destination's pinned versions.
    func wireOptions(config: ProjectConfig, asOf: Timestamp) -> WireOptions {
        var options = WireOptions(adjustmentTime: asOf)
        for destination in config.destinations.values.sorted(by: { $0.name < $1.name }) {
            DeliveryJob.pinVersion(of: destination, in: &options)
        }
        return options
    }

    private func explain(deal id: DealID, job: PlanJob, goals: [ConversionGoal], store: SQLiteStore) async throws {
        for connector in job.connectors {
            guard let context = try await job.context(connector: connector, deal: id) else { continue }
            let ledger = try await store.ledgerEntries(connector: connector.name, deal: id)
            let byKey = Dictionary(ledger.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let operations = job.planner.plan(context) { byKey[$0] }
            Output(progress: false, diagnosticLimit: 0).result(
                DealStory.text(context: context, goals: goals, operations: operations, ledger: ledger))
            return
        }
        throw ValidationError(
            "no deal '\(id)' in the store (connectors: \(job.connectors.map(\.name.rawValue).joined(separator: ", "))); `revloop pull` first, or check the id"
        )
    }

    /// Pulls what changed, quietly: one line on stderr, diagnostics counted (`revloop pull` shows them).
    @discardableResult static func pull(
        store: SQLiteStore, connectors: [ConnectorConfig], asOf: Timestamp, output: Output, project: ProjectOptions
    ) async throws -> PullSummary {
        do {
            let sources = try connectors.map { config throws(ConnectorError) in
                try CRMSources.make(config, roster: store)
            }
            let job = PullJob(
                store: store, sources: sources, asOf: asOf, identity: IdentityGraphUpdater(store: store),
                logger: try project.logger(label: "revloop.plan"))
            let summary = try await job.run { page in
                output.progress("pull: \(page.progress.stream), \(page.progress.recordsRead) rows read")
            }
            output.endProgress()
            let changed = summary.connectors.reduce(0) { $0 + $1.outcome.total.changed }
            let read = summary.connectors.reduce(0) { $0 + $1.recordsRead }
            output.error(
                "pull: \(read) rows read, \(changed) new or changed, \(summary.rejected) rejected"
                    + (summary.rejected > 0 ? " (`revloop pull` lists them)" : ""))
            return summary
        } catch {
            output.endProgress()
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
    }
}
