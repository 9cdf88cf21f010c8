public import RevloopCore
internal import Synchronization

/// What the emulators received and held, per platform: the figures a fault run compares with the ledger.
public final class SandboxTally: Sendable {
    /// One platform's counts.
    public struct Counts: Hashable, Sendable, Codable {
        /// Requests answered (any status), and requests dropped after ingesting.
        public var requests = 0
        public var dropped = 0
        /// Requests answered only after the stall (`--stalls`).
        public var stalled = 0
        public var throttled = 0
        public var serverErrors = 0
        /// Requests refused whole (validation, auth, version).
        public var refusedRequests = 0
        /// Events refused as invalid, counted once per refusal.
        public var refusedEvents = 0
        /// Distinct event ids held.
        public var held = 0
        /// Events received again with the same id and value: deduplicated by Google and Meta, counted twice
        /// by LinkedIn.
        public var duplicates = 0
        /// Events received again with the same id and a new value (Google restatements).
        public var restatements = 0
        /// Requests refused for going over the emulated quota (`--requests-per-minute`).
        public var overQuota = 0
        /// The most requests admitted in any 60-second window.
        public var peakPerMinute = 0
        /// Events routed to test mode (Meta `test_event_code`, Google `validateOnly`): never held.
        public var test = 0

        public init() {}
    }

    /// How an ingested event related to what was held.
    public enum Receipt: Hashable, Sendable {
        case new, duplicate, restatement
    }

    private struct State {
        var counts: [Platform: Counts] = [:]
        /// Per platform: event id -> the value held.
        var held: [Platform: [String: String]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Records one ingested event.
    @discardableResult
    public func ingest(_ platform: Platform, id: String, value: String) -> Receipt {
        state.withLock { state in
            let previous = state.held[platform, default: [:]].updateValue(value, forKey: id)
            switch previous {
            case nil:
                state.counts[platform, default: Counts()].held += 1
                return .new
            case value:
                state.counts[platform, default: Counts()].duplicates += 1
                return .duplicate
            default:
                state.counts[platform, default: Counts()].restatements += 1
                return .restatement
            }
        }
    }

    /// Whether an event id is held (Google Ads adjustments need the original conversion).
    public func holds(_ platform: Platform, id: String) -> Bool {
        state.withLock { $0.held[platform]?[id] != nil }
    }

    /// Changes one platform's counts.
    public func count(_ platform: Platform, _ change: (inout Counts) -> Void) {
        state.withLock { change(&$0.counts[platform, default: Counts()]) }
    }

    /// Every platform's counts.
    public func snapshot() -> [Platform: Counts] { state.withLock { $0.counts } }

    /// Every event id held, per platform.
    public func heldIDs() -> [Platform: [String]] {
        state.withLock { $0.held.mapValues { Array($0.keys).sorted() } }
    }

    /// The value held for an event id.
    public func value(_ platform: Platform, id: String) -> String? { state.withLock { $0.held[platform]?[id] } }
}
