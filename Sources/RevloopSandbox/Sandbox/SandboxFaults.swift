internal import RevloopCore
internal import Synchronization

/// The faults the emulators inject, as shares of requests or events, drawn from a seeded generator so a
/// fault run can be repeated exactly.
public final class SandboxFaults: Sendable {
    /// What happens to one request before (or after) an emulator handles it.
    public enum RequestFault: Hashable, Sendable {
        case none
        /// A 500 or 503 answer; nothing is ingested.
        case serverError
        /// A 429 with `Retry-After` (Meta: its throttling error code); nothing is ingested.
        case throttled
        /// The request is ingested, then the connection drops before the answer: the client cannot know.
        case dropAfterIngest
        /// The request is ingested and the answer held back `stallSeconds`: the client times out first.
        case stallAfterIngest
    }

    public struct Shares: Hashable, Sendable {
        public var serverError: Double
        public var throttled: Double
        public var dropAfterIngest: Double
        /// Events the platform refuses as invalid (chosen by dedup key, so a retry is refused again).
        public var poisonedEvents: Double
        /// Seconds in `Retry-After` on throttled answers.
        public var retryAfterSeconds: Int
        /// Requests ingested and answered only after `stallSeconds`.
        public var stalled: Double
        public var stallSeconds: Double

        public init(
            serverError: Double = 0, throttled: Double = 0, dropAfterIngest: Double = 0, poisonedEvents: Double = 0,
            retryAfterSeconds: Int = 1, stalled: Double = 0, stallSeconds: Double = 35
        ) {
            self.stalled = stalled
            self.stallSeconds = stallSeconds
            self.serverError = serverError
            self.throttled = throttled
            self.dropAfterIngest = dropAfterIngest
            self.poisonedEvents = poisonedEvents
            self.retryAfterSeconds = retryAfterSeconds
        }

        /// No faults.
        public static let none = Shares()
    }

    public let shares: Shares
    private let random: Mutex<SeededRandomNumberGenerator>
    private let poisonSalt: UInt64

    public init(_ shares: Shares = .none, seed: UInt64 = 1) {
        self.shares = shares
        self.random = Mutex(SeededRandomNumberGenerator(seed: seed))
        self.poisonSalt = seed &* 0x9E37_79B9_7F4A_7C15
    }

    /// The next request's fault.
    public func nextRequestFault() -> RequestFault {
        let draw = random.withLock { Double.random(in: 0..<1, using: &$0) }
        if draw < shares.serverError { return .serverError }
        if draw < shares.serverError + shares.throttled { return .throttled }
        if draw < shares.serverError + shares.throttled + shares.dropAfterIngest { return .dropAfterIngest }
        if draw < shares.serverError + shares.throttled + shares.dropAfterIngest + shares.stalled {
            return .stallAfterIngest
        }
        return .none
    }

    /// Whether the platform refuses the event with this id: a pure function of the id and the seed.
    public func isPoisoned(_ eventID: String) -> Bool {
        guard shares.poisonedEvents > 0 else { return false }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ poisonSalt
        for byte in eventID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Double(hash >> 11) / Double(UInt64(1) << 53) < shares.poisonedEvents
    }
}
