internal import ArgumentParser
internal import Foundation
internal import RevloopConnectors
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopHTTP
internal import RevloopMapping
internal import RevloopStore

/// What `upload` and `sync` share: which platforms, which mode, how to print, and the run itself.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "Send only to this platform: google_data_manager, google_ads, meta or linkedin.")
    var platform: [String] = []

    @Flag(
        help:
            "Ask Google to validate without ingesting (validateOnly); Meta and LinkedIn are not sent. Records nothing.")
    var validateOnly = false

    @Flag(
        help:
            "Test mode: Google validateOnly, Meta's Test Events (the destination's test_event_code); LinkedIn has none and is not sent. Records nothing."
    )
    var test = false

    @Flag(
        help: ArgumentHelp(
            "Resend LinkedIn operations whose earlier request got no answer.",
            discussion:
                "LinkedIn does not deduplicate API uploads, so by default such operations are held as dead letters instead of risking a double count."
        ))
    var resendInDoubt = false

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @Option(
        help: ArgumentHelp(
            "Write the run's figures to this file in Prometheus text format (for a textfile collector).",
            valueName: "file"))
    var metricsFile: String?

    var mode: DeliveryMode { validateOnly ? .validateOnly : test ? .test : .live }

    func validate() throws {
        if validateOnly && test { throw ValidationError("choose one of --validate-only and --test") }
        for name in platform where Platform(rawValue: name) == nil {
            throw ValidationError(
                "--platform '\(name)' is not one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Plans and delivers (after pulling, for `sync`), prints the per-destination summary, records the
    /// run, and fails with exit code 1 when anything was rejected, dead-lettered, held in doubt or stopped.
    func run(command: String, project: ProjectOptions, pullFirst: Bool) async throws {
        let output = Output(progress: progress, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let started = ContinuousClock.now
        let deliveries = try await Self.cycle(
            command: command, project: project, loaded: loaded, store: store, output: output, pullFirst: pullFirst,
            settings: DeliverySettings(resendInDoubt: resendInDoubt), mode: mode,
            platforms: platform.isEmpty ? nil : Set(platform.compactMap(Platform.init(rawValue:))))
        if let metricsFile {
            let text = await Self.metricsText(deliveries, store: store, since: started)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: metricsFile), options: .atomic)
            } catch {
                output.error("warning: cannot write the metrics to \(metricsFile): \(error.localizedDescription)")
            }
        }
        if format == .json { try output.json(deliveries) } else { output.result(DestinationDelivery.text(deliveries)) }
        if mode != .live {
            output.error("note: \(mode == .test ? "test" : "validate-only") run: nothing recorded in the ledger")
        }
        if deliveries.contains(where: { $0.summary.needsAttention }) { throw ExitStatus.recordsRejected }
    }

    /// The ledger's operations by platform and state, by their names (empty when the store cannot say).
    static func ledgerStates(_ store: SQLiteStore) async -> [String: [String: Int]] {
        let counts = (try? await store.ledgerCounts()) ?? [:]
        return Dictionary(
            uniqueKeysWithValues: counts.map { platform, byState in
                (
                    platform.rawValue,
                    Dictionary(uniqueKeysWithValues: byState.map { ($0.key.rawValue, $0.value) })
                )
            })
    }

    /// The run's figures and the ledger's, in Prometheus text format.
    static func metricsText(
        _ deliveries: [DestinationDelivery], store: SQLiteStore, since started: ContinuousClock.Instant,
        schedule: ScheduleTotals? = nil
    ) async -> String {
        let states = await ledgerStates(store)
        let elapsed = ContinuousClock.now - started
        return DeliveryMetrics.text(
            deliveries: deliveries, states: states,
            runSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            finishedAt: SystemWallClock().now(), schedule: schedule)
    }

    /// One recorded run of pull (when asked) and delivery: what `upload`, `sync` and each `schedule`
    /// cycle do. Returns each destination's summary; the run's figures go to the runs table.
    static func cycle(
        command: String, project: ProjectOptions, loaded: Project, store: SQLiteStore, output: Output,
        pullFirst: Bool, settings: DeliverySettings, mode: DeliveryMode = .live, platforms: Set<Platform>? = nil,
        stop: StopRequest? = nil, transport: any HTTPTransport = URLSessionHTTPTransport(),
        due: (connectors: Set<String>, destinations: Set<String>)? = nil
    ) async throws -> [DestinationDelivery] {
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let asOf = try project.clock().now()
        let machineClock = SystemWallClock()
        let runID: Int64
        do {
            runID = try await store.beginRun(
                command: command, startedAt: machineClock.now(), processID: ProcessInfo.processInfo.processIdentifier)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        var figures: [String: Int] = [:]
        if pullFirst {
            do {
                let pulled = try await PlanCommand.pull(
                    store: store,
                    connectors: loaded.connectors.filter { due?.connectors.contains($0.name.rawValue) ?? true },
                    asOf: asOf, output: output, project: project)
                // Each connector's pull in the cycle's figures, so `status` knows when it last pulled.
                for connector in pulled.connectors {
                    figures["\(connector.name).pull_read"] = connector.recordsRead
                    figures["\(connector.name).pull_rejected"] = connector.rejected
                }
            } catch {
                // The pull printed why; the run is recorded as failed, not left running.
                try? await store.finishRun(id: runID, finishedAt: machineClock.now(), status: .failed, summary: [:])
                throw error
            }
        }
        let goals = PlanJob.goals(config: config, mappings: loaded.mappings)
        let estimator = try await ActiveModelEstimator.forGoals(goals, store: store, output: output)
        var job = DeliveryJob(
            store: store, config: config, mappings: loaded.mappings,
            planner: ConversionPlanner(goals: goals, rates: loaded.exchangeRates, asOf: asOf, estimator: estimator),
            connectors: loaded.connectors, transport: transport, settings: settings, mode: mode,
            platforms: platforms)
        job.stop = stop
        job.destinations = due?.destinations
        let deliveries: [DestinationDelivery]
        let health: DeliveryJob.Health
        do {
            (deliveries, health) = try await job.runReporting { output.progress($0) }
        } catch {
            throw await output.failRun(error, store: store, runID: runID, clock: machineClock)
        }
        output.endProgress()
        let attention = deliveries.contains { $0.summary.needsAttention }
        for delivery in deliveries {
            let summary = delivery.summary
            for (name, value) in [
                ("sent", summary.sent), ("accepted", summary.accepted), ("duplicates", summary.duplicates),
                ("rejected", summary.rejectedTotal), ("retrying", summary.retrying),
                ("dead_letter", summary.deadLettered), ("in_doubt", summary.inDoubt),
            ] {
                figures["\(delivery.destination).\(name)", default: 0] += value
            }
        }
        for (destination, rate) in health.matchKeyRates {
            figures["\(destination).\(Self.matchKeyFigure)"] = Int((rate * 1_000).rounded())
        }
        for (destination, expiry) in health.credentialExpiry {
            figures["\(destination).\(Self.credentialFigure)"] = Int(expiry.secondsSinceEpoch)
        }
        try? await store.finishRun(
            id: runID, finishedAt: machineClock.now(), status: attention ? .succeededWithDiagnostics : .succeeded,
            summary: figures)
        if mode == .live, let alerts = config.alerts {
            await raiseAlerts(
                alerts, project: config, deliveries: deliveries, health: health, runID: runID, store: store,
                output: output, transport: transport)
        }
        return deliveries
    }

    /// Run figures (per destination) that carry health: the match-key rate in thousandths, and the
    /// credential's expiry in unix seconds.
    static let matchKeyFigure = "match_key_permille"
    static let credentialFigure = "credential_expires_at"

    /// Evaluates `alerts` after a run: pauses the destinations past the shutdown share, prints every alert,
    /// records the new ones and posts them to the webhook (an alert already raised within `repeat_hours`
    /// is printed, not posted again). Nothing here fails the run.
    static func raiseAlerts(
        _ config: AlertConfig, project: ProjectConfig, deliveries: [DestinationDelivery], health: DeliveryJob.Health,
        runID: Int64, store: SQLiteStore, output: Output, transport: any HTTPTransport
    ) async {
        let now = SystemWallClock().now()
        let deadLetters = await ledgerStates(store).values.reduce(0) { $0 + ($1["dead_letter"] ?? 0) }
        let runs = (try? await store.recentRuns(limit: 500)) ?? []
        let deliveryRuns = runs.filter { ["upload", "sync", "schedule"].contains($0.command) && $0.id != runID }
        let lastClean = deliveryRuns.first { $0.status == .succeeded }?.finishedAt
        var trailing: [String: [Double]] = [:]
        for name in project.destinations.keys {
            trailing[name] = deliveryRuns.prefix(30).compactMap { run in
                run.summary["\(name).\(matchKeyFigure)"].map { Double($0) / 1_000 }
            }
        }
        let sent = Dictionary(deliveries.map { ($0.destination, $0.summary) }, uniquingKeysWith: { first, _ in first })
        let figures = project.destinations.keys.sorted().map { name in
            // The credential's expiry: learned in this run, else the configuration's, else the last one learned.
            let learned = deliveryRuns.lazy.compactMap { $0.summary["\(name).\(credentialFigure)"] }.first.map {
                Timestamp(millisecondsSinceEpoch: Int64($0) * 1_000)
            }
            return DeliveryAlerts.Figures(
                destination: name, sent: sent[name]?.sent ?? 0, rejected: sent[name]?.rejectedTotal ?? 0,
                matchRate: health.matchKeyRates[name],
                credentialExpiresAt: health.credentialExpiry[name] ?? project.destinations[name]?.tokenExpiresAt
                    ?? learned,
                valueOutliers: health.valueOutliers[name] ?? [])
        }
        let (alerts, pause) = DeliveryAlerts.evaluate(
            config, figures: figures,
            history: DeliveryAlerts.History(
                deadLetters: deadLetters, lastCleanSuccess: lastClean, matchRates: trailing),
            now: now)
        for destination in pause {
            try? await store.pause(
                destination, reason: "paused automatically after run \(runID): too many rejected", at: now)
        }
        await post(alerts, config: config, runID: runID, now: now, store: store, output: output, transport: transport)
    }

    /// Prints every alert, and records and posts (to the webhook) those not raised within the repeat window.
    static func post(
        _ alerts: [DeliveryAlerts.Alert], config: AlertConfig, runID: Int64?, now: Timestamp, store: any AlertStore,
        output: Output, transport: any HTTPTransport
    ) async {
        let window = now.adding(milliseconds: -Int64(config.repeatHours) * 3_600_000)
        let standing = Set(
            ((try? await store.alerts(since: window, limit: 1_000)) ?? []).map { "\($0.kind) \($0.target)" })
        var fresh: [DeliveryAlerts.Alert] = []
        for alert in alerts {
            let repeated = standing.contains("\(alert.kind) \(alert.destination ?? "")")
            output.alert(
                alert.text + (repeated ? " (raised within \(config.repeatHours) h: not posted again)" : ""),
                kind: alert.kind, destination: alert.destination)
            if !repeated { fresh.append(alert) }
        }
        try? await store.recordAlerts(
            fresh.map {
                RaisedAlert(kind: $0.kind, target: $0.destination ?? "", text: $0.text, raisedAt: now, runID: runID)
            })
        guard !fresh.isEmpty, let reference = config.webhook else { return }
        guard let text = try? SecretResolver.live.resolve(reference).reveal(), let url = URL(string: text) else {
            output.error("alert: the webhook \(reference) is not readable or not a URL")
            return
        }
        if let problem = await AlertWebhook.post(fresh, to: url, transport: transport) {
            output.error("alert: \(problem)")
        }
    }
}
