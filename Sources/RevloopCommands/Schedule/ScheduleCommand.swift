internal import ArgumentParser
internal import Dispatch
internal import Foundation
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopHTTP
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
        abstract: "Run `sync` cycles on an interval, for months; one scheduler at a time per store.",
        discussion: """
            Every interval (--every, else `schedule.every` in revloop.yaml) it pulls, plans and uploads, as \
            `revloop sync` does, and records the cycle in the run history (`revloop runs`). A lease in the store \
            makes sure two schedulers on the same store never run a cycle at once: the holder renews it every \
            sixth of its length; if it dies, the lease expires (--lease) and a standby scheduler takes over. SIGTERM or SIGINT \
            finishes the batches in flight, settles the ledger, gives the lease up and exits 0. --once runs a \
            single cycle (for cron or a Kubernetes CronJob) and exits.

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

    func run() async throws {
        let output = Output(progress: progress, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let seconds =
            try every.map { text in
                guard let seconds = DurationText.seconds(text), seconds > 0 else {
                    throw ValidationError("--every '\(text)' is not a duration such as 15m, 1h or 1d")
                }
                return seconds
            } ?? config.scheduleIntervalSeconds ?? 3_600
        let store = try project.openStore(config, output: output)
        let holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        let stop = StopRequest()
        let signals = Self.onTermination { stop.request() }
        defer { for source in signals { source.cancel() } }
        let clock = SystemWallClock()
        let leaseDuration = Duration.seconds(lease)
        // One transport (one URLSession) for the life of the process, not one per cycle.
        let transport = URLSessionHTTPTransport()
        output.error("schedule: \(holder) every \(seconds) s, lease \(lease) s, store \(config.storePath)")
        // The lease is kept every sixth of its length for the whole life of the process, between cycles too,
        // so a live holder never loses it; a standby tries every fortieth, so it takes over soon after a dead
        // holder's lease runs out (at most one lease after the holder's last renewal).
        let keeper = Task {
            while !Task.isCancelled && !stop.isRequested {
                let held = try? await store.acquireLease(
                    name: Self.leaseName, holder: holder, now: clock.now(), duration: leaseDuration)
                // A standby looks more often, so it takes a dead holder's lease soon after it runs out.
                let mine = held?.holder == holder
                try await Task.sleep(for: mine ? leaseDuration / 6 : max(.milliseconds(250), leaseDuration / 40))
            }
        }
        defer { keeper.cancel() }
        let latest = LatestMetrics()
        let server = try metricsPort.map { port in
            try LoopbackServer(port: port) { request in
                request.url.path == "/metrics"
                    ? HTTPResponse(
                        status: 200, headers: ["content-type": "text/plain; version=0.0.4"],
                        body: Data(latest.text.utf8))
                    : HTTPResponse(status: 404, body: Data("metrics are at /metrics".utf8))
            }
        }
        defer { server?.stop() }
        if let server { output.error("schedule: metrics at \(server.baseURL)/metrics") }
        var ran = 0
        var lastHolder = ""
        while !stop.isRequested {
            let started = ContinuousClock.now
            let held = try await store.acquireLease(
                name: Self.leaseName, holder: holder, now: clock.now(), duration: leaseDuration)
            if held.holder == holder {
                if !lastHolder.isEmpty, lastHolder != holder { output.error("schedule: took over from \(lastHolder)") }
                let cycleStarted = ContinuousClock.now
                do {
                    let deliveries = try await DeliveryOptions.cycle(
                        command: "schedule", project: project, loaded: loaded, store: store, output: output,
                        pullFirst: true, settings: DeliverySettings(), stop: stop, transport: transport)
                    output.error("schedule: cycle done: " + Self.oneLine(deliveries))
                    let text = await DeliveryOptions.metricsText(deliveries, store: store, since: cycleStarted)
                    latest.text = text
                    if let metricsFile {
                        try? Data(text.utf8).write(to: URL(fileURLWithPath: metricsFile), options: .atomic)
                    }
                } catch {
                    // The cycle's own error was printed and recorded; the scheduler goes on to the next one.
                    output.error("schedule: cycle failed; the next one is in \(seconds) s")
                }
                ran += 1
            } else if held.holder != lastHolder {
                output.error("schedule: standby; \(held.holder) holds the lease (until \(held.expiresAt), renewed)")
            }
            lastHolder = held.holder
            if once || (cycles > 0 && ran >= cycles) { break }
            let next = started + .seconds(seconds)
            while !stop.isRequested, ContinuousClock.now < next {
                try? await Task.sleep(for: min(.milliseconds(250), next - ContinuousClock.now))
            }
        }
        keeper.cancel()
        try? await store.releaseLease(name: Self.leaseName, holder: holder)
        output.error("schedule: stopped\(stop.isRequested ? " on a signal" : ""); lease released")
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

/// The last cycle's metrics text, shared with the metrics server's threads.
private final class LatestMetrics: Sendable {
    private let value = Mutex("# no cycle has finished yet\n")

    var text: String {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
