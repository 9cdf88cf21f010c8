internal import Foundation
public import RevloopCore
public import RevloopHTTP
internal import Synchronization

/// The four ad-platform APIs on one loopback port, routed by path as the real hosts would be: Data
/// Manager (`/v1/events:ingest`), Google Ads (`/v26/customers/...`), Meta (`/v26.0/{dataset}/events`) and
/// LinkedIn (`/rest/conversionEvents`). `GET /_sandbox/stats` returns what each received and holds.
public final class AdPlatformSandbox: Sendable {
    public let tally = SandboxTally()
    public let faults: SandboxFaults
    private let clock: any WallClock
    private let emulators: [any PlatformEmulator]
    private let requestCounter = Atomic<Int>(0)

    /// - Parameters:
    ///   - faults: the faults to inject (none by default).
    ///   - clock: the time windows are checked against (Meta's 7 days, LinkedIn's 90).
    ///   - googleAdsAllowlisted: whether the Google Ads API accepts offline conversion import from this
    ///     token (new adopters are refused since 2026-06-15; the sandbox lets both cases be tried).
    public init(
        faults: SandboxFaults = SandboxFaults(), clock: any WallClock = SystemWallClock(),
        googleAdsAllowlisted: Bool = true
    ) {
        self.faults = faults
        self.clock = clock
        self.emulators = [
            DataManagerEmulator(), GoogleAdsEmulator(allowlisted: googleAdsAllowlisted), MetaEmulator(),
            LinkedInEmulator(),
        ]
    }

    /// Answers one request; `nil` means the connection drops without an answer.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.url.path
        if path == "/_sandbox/stats" { return stats() }
        guard let emulator = emulators.first(where: { $0.handles(path: path) }) else {
            return EmulatorJSON.response(404, ["error": "no emulated API at \(path)"])
        }
        let number = requestCounter.add(1, ordering: .relaxed).newValue
        let context = EmulatorContext(
            now: clock.now(), tally: tally, faults: faults, requestID: "sandbox-\(number)")
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
        case .none:
            tally.count(emulator.platform) { $0.requests += 1 }
            return emulator.handle(request, path: path, context: context)
        }
    }

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
