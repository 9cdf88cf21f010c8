public import RevloopCore
internal import Synchronization

/// The log in memory: the twin of the SQLite log, for tests, the simulator and `personalize rank --dry-run`.
public final class InMemoryPersonalizationLog: PersonalizationLog {
    private struct State {
        var decisions: [LoggedDecision] = []
        var decisionIndex: [String: Int] = [:]
        var outcomes: [LoggedOutcome] = []
        var outcomeKeys: Set<String> = []
        var snapshot: ModelSnapshot?
    }

    private let state = Mutex(State())

    public init() {}

    public func append(_ decision: LoggedDecision) async throws {
        state.withLock {
            $0.decisionIndex[decision.decisionID] = $0.decisions.count
            $0.decisions.append(decision)
        }
    }

    public func append(_ outcome: LoggedOutcome) async throws -> Bool {
        state.withLock {
            let key = "\(outcome.decisionID)\u{1F}\(outcome.blockID)\u{1F}\(outcome.kind.rawValue)"
            guard $0.outcomeKeys.insert(key).inserted else { return false }
            $0.outcomes.append(outcome)
            return true
        }
    }

    public func decision(id: String) async throws -> LoggedDecision? {
        state.withLock { state in state.decisionIndex[id].map { state.decisions[$0] } }
    }

    public func lastSequence() async throws -> Int64 {
        state.withLock { Swift.max($0.decisions.last?.sequence ?? 0, $0.outcomes.last?.sequence ?? 0) }
    }

    public func decisions(after sequence: Int64, limit: Int) async throws -> [LoggedDecision] {
        // Concurrent decisions may append out of sequence order; pages must follow the sequence.
        state.withLock {
            Array($0.decisions.filter { $0.sequence > sequence }.sorted { $0.sequence < $1.sequence }.prefix(limit))
        }
    }

    public func outcomes(after sequence: Int64, limit: Int) async throws -> [LoggedOutcome] {
        state.withLock {
            Array($0.outcomes.filter { $0.sequence > sequence }.sorted { $0.sequence < $1.sequence }.prefix(limit))
        }
    }

    public func decisions(since time: Timestamp) async throws -> [LoggedDecision] {
        state.withLock { $0.decisions.filter { $0.time >= time } }
    }

    public func save(_ snapshot: ModelSnapshot) async throws {
        state.withLock { $0.snapshot = snapshot }
    }

    public func latestSnapshot() async throws -> ModelSnapshot? {
        state.withLock { $0.snapshot }
    }
}
