internal import Foundation
public import RevloopCore
public import RevloopHTTP
internal import Synchronization

/// The four ad-platform APIs on one loopback port, routed by path as the real hosts would be: Data
/// Manager (`/v1/events:ingest`), Google Ads (`/v26/customers/...`), Meta (`/v26.0/{dataset}/events`) and
/// LinkedIn (`/rest/conversionEvents`). `GET /_sandbox/stats` returns what each received and holds, and
/// `GET /_sandbox/held` the event ids each holds (Meta's as `event_name|event_id`); `/_sandbox/webhook`
/// stands in for an alert webhook (POST records, GET lists).
public final class AdPlatformSandbox: Sendable {
    public let tally = SandboxTally()
    public let faults: SandboxFaults
    /// Google's and LinkedIn's token endpoints.
    public let oauth: OAuthEmulator
    private let clock: any WallClock
    private let emulators: [any PlatformEmulator]
    private let requestCounter = Atomic<Int>(0)
    /// Bodies posted to `/_sandbox/webhook`, the alert webhook's stand-in.
    private let webhookPosts = Mutex([String]())
    /// Requests a minute each platform admits (0: no limit), as a sliding window.
    private let requestsPerMinute: Int
    /// Per platform, the admission times (ms) still inside the last minute.
    private let admitted = Mutex([Platform: [Int64]]())
    private let monotonic = ContinuousClock.now

    /// - Parameters:
    ///   - faults: the faults to inject (none by default).
    ///   - clock: the time windows are checked against (Meta's 7 days, LinkedIn's 90).
    ///   - googleAdsAllowlisted: whether the Google Ads API accepts offline conversion import from this
    ///     token (new adopters are refused since 2026-06-15; the sandbox lets both cases be tried).
    ///   - requestsPerMinute: the quota each platform enforces in any 60-second window (0: none); a
    ///     request over it gets the platform's throttling answer and is counted as `overQuota`.
    ///   - oauth: the token endpoints and the OAuth clients they know.
    public init(
        faults: SandboxFaults = SandboxFaults(), clock: any WallClock = SystemWallClock(),
        googleAdsAllowlisted: Bool = true, requestsPerMinute: Int = 0,
        oauth: OAuthEmulator = OAuthEmulator(clients: [])
    ) {
        self.faults = faults
        self.oauth = oauth
        self.requestsPerMinute = requestsPerMinute
        self.clock = clock
        self.emulators = [
            DataManagerEmulator(), GoogleAdsEmulator(allowlisted: googleAdsAllowlisted), MetaEmulator(),
            LinkedInEmulator(), GoogleAdsReportingEmulator(), MetaInsightsEmulator(), LinkedInAnalyticsEmulator(),
        ]
    }

    /// Answers one request; `nil` means the connection drops without an answer.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.url.path
        if path == "/_sandbox/stats" { return stats() }
        if path == "/_sandbox/webhook" {
            if request.method == "POST" {
                webhookPosts.withLock { $0.append(String(decoding: request.body ?? Data(), as: UTF8.self)) }
                return HTTPResponse(status: 200, body: Data("ok".utf8))
            }
            return EmulatorJSON.response(200, ["posts": webhooks])
        }
        if path == "/_sandbox/held" {
            return EmulatorJSON.response(
                200, Dictionary(uniqueKeysWithValues: tally.heldIDs().map { ($0.key.rawValue, $0.value) }))
        }
        if oauth.handles(path: path) { return oauth.handle(request, now: clock.now()) }
        guard let emulator = emulators.first(where: { $0.handles(path: path) }) else {
            return EmulatorJSON.response(404, ["error": "no emulated API at \(path)"])
        }
        let number = requestCounter.add(1, ordering: .relaxed).newValue
        let now = clock.now()
        let context = EmulatorContext(
            now: now, tally: tally, faults: faults, requestID: "sandbox-\(number)",
            acceptsToken: { [oauth] in oauth.accepts($0, now: now) })
        if !path.hasPrefix("/v1/requestStatus"), !admit(emulator.platform) {
            tally.count(emulator.platform) {
                $0.requests += 1
                $0.overQuota += 1
            }
            return emulator.faultResponse(.throttled, context: context)
        }
        let fault = path.hasPrefix("/v1/requestStatus") ? .none : faults.nextRequestFault()
        switch fault {
        case .serverError, .throttled:
            tally.count(emulator.platform) {
                $0.requests += 1
                if fault == .throttled { $0.throttled += 1 } else { $0.serverErrors += 1 }
            }
            return emulator.faultResponse(fault, context: context)
        case .dropAfterIngest:
            _ = emulator.handle(request, path: path, context: context)
            tally.count(emulator.platform) { $0.dropped += 1 }
            return nil
        case .stallAfterIngest:
            let response = emulator.handle(request, path: path, context: context)
            tally.count(emulator.platform) { $0.stalled += 1 }
            Thread.sleep(forTimeInterval: faults.shares.stallSeconds)
            return response
        case .none:
            tally.count(emulator.platform) { $0.requests += 1 }
            return emulator.handle(request, path: path, context: context)
        }
    }

    /// Counts a request against its platform's window; `false` when it is over the quota.
    private func admit(_ platform: Platform) -> Bool {
        let elapsed = ContinuousClock.now - monotonic
        let now = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let (admitted, inWindow) = self.admitted.withLock { windows -> (Bool, Int) in
            var times = windows[platform, default: []]
            times.removeAll { now - $0 >= 60_000 }
            let admitted = requestsPerMinute <= 0 || times.count < requestsPerMinute
            if admitted { times.append(now) }
            windows[platform] = times
            return (admitted, times.count)
        }
        if admitted { tally.count(platform) { $0.peakPerMinute = max($0.peakPerMinute, inWindow) } }
        return admitted
    }

    /// What was posted to `/_sandbox/webhook`, oldest first.
    public var webhooks: [String] { webhookPosts.withLock { $0 } }

    /// Serves the sandbox on `port` (0: any free port).
    public func serve(port: UInt16 = 0) throws -> LoopbackServer {
        try LoopbackServer(port: port) { [self] request in handle(request) }
    }

    private func stats() -> HTTPResponse {
        let counts = tally.snapshot()
        let body =
            (try? JSONEncoder().encode(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })))
            ?? Data()
        return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
    }
}
