internal import ArgumentParser
internal import Dispatch
internal import Foundation
internal import Logging
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopHTTP
internal import RevloopMapping
internal import RevloopSandbox
internal import RevloopStore
internal import Synchronization

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// `revloop schedule`: sync cycles on an interval, one scheduler at a time per store.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract:
            "Run `sync` cycles on an interval or cron expressions, for months; one scheduler at a time per store.",
        discussion: """
            Each cycle pulls, plans and uploads, as `revloop sync` does, and is recorded in the run history \
            (`revloop runs`). Cycles run on `schedule.cron` in revloop.yaml (five-field cron expressions, at \
            `schedule.timezone`, a fixed UTC offset), with `schedule.connectors.NAME` and \
            `schedule.destinations.NAME` for a connector that pulls or a destination that sends on another \
            rhythm: a cycle pulls only the connectors and sends only to the destinations that are due. Without \
            cron they run every --every, else `schedule.every`.

            A lease in the store makes sure two schedulers on the same store never run a cycle at once: the \
            holder renews it every sixth of its length; if it dies, the lease expires (--lease) and a standby \
            takes over. A cycle whose scheduler loses the lease starts no new batch. SIGTERM or SIGINT finishes \
            the batches in flight, settles the ledger, gives the lease up and exits 0. --once runs a single \
            cycle of everything (for cron or a Kubernetes CronJob) and exits.

            Log lines are JSON (one object per line) when stderr is not a terminal, or by --log-format. \
            --metrics-port serves the last cycle's figures, counters since start and the lease's state.

            Examples:
              revloop schedule
              revloop schedule --once
              revloop schedule --every 1m -c revloop.sandbox.yaml
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Run one cycle (if the lease is free) and exit.")
    var once = false

    @Option(help: "The interval between cycles (15m, 1h, 1d); default: schedule.every in revloop.yaml.")
    var every: String?

    @Option(help: "Seconds a lease lasts without renewal: how soon a standby takes over from a dead holder.")
    var lease = 60

    @Option(help: "Stop after this many cycles this process ran (0: never); for soak tests.")
    var cycles = 0

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @Option(
        help: ArgumentHelp("Rewrite this file after each cycle with its figures (Prometheus text).", valueName: "file"))
    var metricsFile: String?

    @Option(help: "Serve the last cycle's figures at http://127.0.0.1:PORT/metrics (Prometheus text).")
    var metricsPort: UInt16?

    static let leaseName = "schedule"

    func validate() throws {
        guard lease >= 2 else { throw ValidationError("--lease is at least 2 seconds") }
    }

    func run() async throws {
        var output = Output(progress: progress, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        var logger = try project.logger(label: "revloop.schedule", level: .info)
        let seconds =
            try every.map { text in
                guard let seconds = DurationText.seconds(text), seconds > 0 else {
                    throw ValidationError("--every '\(text)' is not a duration such as 15m, 1h or 1d")
                }
                return seconds
            } ?? config.schedule.intervalSeconds ?? 3_600
        // Cron expressions in revloop.yaml, unless --every says otherwise on the command line.
        let cron =
            every == nil
            ? CronSchedule(
                config.schedule, connectors: loaded.connectors.map(\.name.rawValue),
                destinations: Array(config.destinations.keys)) : nil
        let store = try project.openStore(config, output: output)
        let holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        logger[metadataKey: "holder"] = "\(holder)"
        output.logger = logger
        let stop = StopRequest()
        // A standby looks every fortieth of a lease; the lease is written to run out two of those looks
        // before --lease has passed since its last renewal, so a standby holds it within --lease of the
        // holder's death, whenever in the renewal cycle the holder died.
        let standbyPoll = max(Duration.milliseconds(250), Duration.seconds(lease) / 40)
        let leaseDuration = Duration.seconds(lease) - standbyPoll * 2
        let watch = LeaseWatch(duration: leaseDuration)
        let signals = Self.onTermination {
            stop.request()
            watch.stopAll()
        }
        defer { for source in signals { source.cancel() } }
        let clock = SystemWallClock()
        // One transport (one URLSession) for the life of the process, not one per cycle.
        let transport = URLSessionHTTPTransport()
        logger.info(
            "schedule started",
            metadata: [
                "every_seconds": cron == nil ? "\(seconds)" : "cron", "lease_seconds": "\(lease)",
                "store": "\(config.storePath)",
            ])
        // The lease is kept every sixth of its length for the whole life of the process, between cycles too,
        // so a live holder never loses it; a standby tries every fortieth, so it takes over soon after a dead
        // holder's lease runs out (at most one lease after the holder's last renewal). A renewal that finds
        // another holder, or none that succeeds for most of a lease, stops the running cycle.
        let keeper = Task { [logger] in
            var lastHolder = ""
            while !Task.isCancelled && !stop.isRequested {
                let held: Lease?
                do {
                    held = try await store.acquireLease(
                        name: Self.leaseName, holder: holder, now: clock.now(), duration: leaseDuration)
                } catch {
                    held = nil
                    if watch.renewalFailed(at: .now) {
                        logger.error("lease renewals failing; cycle stopped", metadata: ["error": "\(error)"])
                    }
                }
                let mine = held?.holder == holder
                if let held {
                    if mine {
                        if watch.renewed(at: .now, tookOver: !lastHolder.isEmpty && lastHolder != holder) {
                            logger.notice("took over the lease", metadata: ["from": "\(lastHolder)"])
                        }
                    } else if watch.lost() {
                        logger.error("lease lost to another holder; cycle stopped", metadata: ["to": "\(held.holder)"])
                    }
                    lastHolder = held.holder
                }
                try await Task.sleep(for: mine ? leaseDuration / 6 : standbyPoll)
            }
        }
        defer { keeper.cancel() }
        let latest = LatestMetrics()
        let server = try metricsPort.map { port in
            try LoopbackServer(port: port) { request in
                guard request.url.path == "/metrics" else {
                    return HTTPResponse(status: 404, body: Data("metrics are at /metrics".utf8))
                }
                // The last cycle's figures, with the counters and the lease's state as they are now.
                return HTTPResponse(
                    status: 200, headers: ["content-type": "text/plain; version=0.0.4"],
                    body: Data(latest.text(schedule: watch.totals).utf8))
            }
        }
        defer { server?.stop() }
        if let server { logger.info("metrics served", metadata: ["url": "\(server.baseURL)/metrics"]) }
        var ran = 0
        var lastHolder = ""
        var lastFiring = clock.now()
        while !stop.isRequested {
            let started = ContinuousClock.now
            // Which connectors pull and which destinations send this cycle: all of them on an interval or
            // --once, the ones whose expression fires now on cron.
            var due: (connectors: Set<String>, destinations: Set<String>)?
            if let cron, !once {
                guard let firing = cron.next(after: lastFiring) else {
                    logger.error("no cron expression fires again; stopping")
                    break
                }
                logger.debug("next cycle", metadata: ["at": "\(firing.time)"])
                while !stop.isRequested, clock.now() < firing.time {
                    try? await Task.sleep(for: .milliseconds(250))
                }
                if stop.isRequested { break }
                lastFiring = firing.time
                due = (firing.connectors, firing.destinations)
            }
            let held = try await store.acquireLease(
                name: Self.leaseName, holder: holder, now: clock.now(), duration: leaseDuration)
            if held.holder == holder {
                // The keeper reports takeovers; this only marks the lease as held for the cycle.
                watch.renewed(at: .now, tookOver: false)
                let cycleStarted = ContinuousClock.now
                let cycleStop = watch.beginCycle()
                if stop.isRequested { cycleStop.request() }
                do {
                    let deliveries = try await DeliveryOptions.cycle(
                        command: "schedule", project: project, loaded: loaded, store: store, output: output,
                        pullFirst: due.map { !$0.connectors.isEmpty } ?? true, settings: DeliverySettings(),
                        stop: cycleStop, transport: transport, due: due)
                    watch.endCycle(deliveries)
                    // Scoring on its own cadence (retrain, drift check), between cycles' sends.
                    let scoringPurposes = ScoringMaintenance.purposes(
                        config: config.scoring,
                        hasPredictedGoals: PlanJob.goals(config: config, mappings: loaded.mappings).contains(where: {
                            $0.valuePolicy == .predicted
                        }))
                    if !cycleStop.isRequested, !scoringPurposes.isEmpty {
                        let scoring = await ScoringMaintenance(config: config.scoring, purposes: scoringPurposes).run(
                            store: store, connectors: loaded.connectors, now: clock.now())
                        if !scoring.alerts.isEmpty {
                            await DeliveryOptions.post(
                                scoring.alerts, config: config.alerts ?? AlertConfig(), runID: nil, now: clock.now(),
                                store: store, output: output, transport: transport)
                        }
                        if scoring.trained != nil || scoring.checked != nil {
                            logger.info(
                                "scoring maintained",
                                metadata: [
                                    "trained": "\(scoring.trained ?? "-")", "activated": "\(scoring.activated ?? "-")",
                                    "drift_checked": "\(scoring.checked ?? "-")",
                                ])
                        }
                    }
                    logger.info(
                        "cycle done",
                        metadata: Self.cycleMetadata(
                            deliveries, due: due, stoppedForLease: cycleStop.isRequested && !stop.isRequested))
                    latest.update(
                        deliveries: deliveries, states: await DeliveryOptions.ledgerStates(store), since: cycleStarted)
                    if let metricsFile {
                        try? Data(latest.text(schedule: watch.totals).utf8).write(
                            to: URL(fileURLWithPath: metricsFile), options: .atomic)
                    }
                } catch {
                    // The cycle's own error was printed and recorded; the scheduler goes on to the next one.
                    watch.endCycle(nil)
                    logger.error("cycle failed; the scheduler goes on", metadata: ["error": "\(error)"])
                }
                ran += 1
            } else if held.holder != lastHolder {
                watch.lost()
                logger.notice(
                    "standby: another scheduler holds the lease",
                    metadata: ["lease_holder": "\(held.holder)", "until": "\(held.expiresAt)"])
            }
            lastHolder = held.holder
            if once || (cycles > 0 && ran >= cycles) { break }
            if cron == nil {
                let next = started + .seconds(seconds)
                while !stop.isRequested, ContinuousClock.now < next {
                    try? await Task.sleep(for: min(.milliseconds(250), next - ContinuousClock.now))
                }
            }
        }
        keeper.cancel()
        try? await store.releaseLease(name: Self.leaseName, holder: holder)
        logger.notice(
            "schedule stopped; lease released", metadata: ["on_signal": "\(stop.isRequested)", "cycles": "\(ran)"])
    }

    /// What a cycle's log line carries: each destination's sent, accepted and rejected counts.
    static func cycleMetadata(
        _ deliveries: [DestinationDelivery], due: (connectors: Set<String>, destinations: Set<String>)?,
        stoppedForLease: Bool
    ) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["summary": "\(oneLine(deliveries))"]
        for delivery in deliveries {
            metadata[delivery.destination] = [
                "sent": "\(delivery.summary.sent)", "accepted": "\(delivery.summary.accepted)",
                "rejected": "\(delivery.summary.rejectedTotal)",
            ]
        }
        if let due {
            metadata["connectors"] = .array(due.connectors.sorted().map { .string($0) })
            metadata["destinations"] = .array(due.destinations.sorted().map { .string($0) })
        }
        if stoppedForLease { metadata["stopped"] = "lease lost" }
        return metadata
    }

    /// `google 149/149, meta 188/188`: accepted of sent per destination.
    static func oneLine(_ deliveries: [DestinationDelivery]) -> String {
        guard !deliveries.isEmpty else { return "nothing to send" }
        return deliveries.map { delivery in
            var text = "\(delivery.destination) \(delivery.summary.accepted)/\(delivery.summary.sent)"
            if let stopped = delivery.summary.stopped { text += " (stopped: \(stopped))" }
            return text
        }.joined(separator: ", ")
    }

    /// SIGTERM and SIGINT call `handler` instead of killing the process.
    static func onTermination(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}

/// The last cycle's figures, shared with the metrics server's threads.
private final class LatestMetrics: Sendable {
    private struct Snapshot {
        var deliveries: [DestinationDelivery]
        var states: [String: [String: Int]]
        var runSeconds: Double
        var finishedAt: Timestamp
    }

    private let value = Mutex<Snapshot?>(nil)

    func update(deliveries: [DestinationDelivery], states: [String: [String: Int]], since: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - since
        let snapshot = Snapshot(
            deliveries: deliveries, states: states,
            runSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            finishedAt: SystemWallClock().now())
        value.withLock { $0 = snapshot }
    }

    /// The exposition text: the last cycle's gauges (none before the first cycle) and `schedule`'s counters.
    func text(schedule: ScheduleTotals) -> String {
        guard let snapshot = value.withLock({ $0 }) else {
            return "# no cycle has finished yet\n"
                + DeliveryMetrics.text(
                    deliveries: [], states: [:], runSeconds: 0, finishedAt: Timestamp(millisecondsSinceEpoch: 0),
                    schedule: schedule)
        }
        return DeliveryMetrics.text(
            deliveries: snapshot.deliveries, states: snapshot.states, runSeconds: snapshot.runSeconds,
            finishedAt: snapshot.finishedAt, schedule: schedule)
    }
}
