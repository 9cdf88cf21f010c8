internal import RevloopCore
public import RevloopPersonalization
internal import Synchronization

/// A TEST engine: the in-memory twin of the real decision engine, for the server's tests, the load
/// benchmark and `revloop serve --engine memory`. It ranks each surface's blocks by their mean reward so
/// far (Beta(1, 1) prior), puts a deterministic share of visitors in a uniform-random holdout, and keeps
/// its decision log in memory, lost on exit: it does not read the inventory, apply guardrails or learn
/// from context. It lives outside RevloopTesting so the `revloop` binary need not link the test library.
///
/// Refusals store nothing, which is what the server's tests check through `log`.
public final class InMemoryDecisionEngine: DecisionEngine {
    /// Every decision and recorded outcome, in order.
    public struct Log: Hashable, Sendable {
        public var decisions: [Decision] = []
        public var outcomes: [DecisionOutcome] = []

        public init(decisions: [Decision] = [], outcomes: [DecisionOutcome] = []) {
            self.decisions = decisions
            self.outcomes = outcomes
        }
    }

    /// Three surfaces of five, three and four blocks.
    public static let sampleInventory: [String: [String]] = [
        "homepage_hero": ["case-study-saas", "webinar-q4", "pricing-guide", "roi-calculator", "product-tour"],
        "email_footer": ["newsletter-signup", "case-study-fintech", "event-invite"],
        "in_app_sidebar": ["feature-tip", "upgrade-offer", "help-article", "community-post"],
    ]

    private struct Logged {
        var index: Int
        var surface: String
    }

    private struct RewardKey: Hashable {
        var surface: String
        var block: String
    }

    private struct OutcomeKey: Hashable {
        var decision: String
        var block: String
        var kind: DecisionOutcome.Kind
    }

    private struct State {
        var log = Log()
        var logged: [String: Logged] = [:]
        var recorded: Set<OutcomeKey> = []
        var rewards: [RewardKey: (sum: Double, count: Int)] = [:]
        var random: SeededRandomNumberGenerator
        var nextID: UInt64 = 1
        var storageFailure: String?
    }

    public let inventory: [String: [String]]
    /// The share of visitors in the holdout, by a hash of their id: the same visitor is always in or out.
    public let holdoutShare: Double
    public let policyVersion: String
    private let state: Mutex<State>

    public init(
        inventory: [String: [String]] = InMemoryDecisionEngine.sampleInventory, holdoutShare: Double = 0.1,
        seed: UInt64 = 1, policyVersion: String = "memory-1"
    ) {
        self.inventory = inventory
        self.holdoutShare = holdoutShare
        self.policyVersion = policyVersion
        state = Mutex(State(random: SeededRandomNumberGenerator(seed: seed)))
    }

    /// The decision log as it is now.
    public var log: Log { state.withLock { $0.log } }

    /// Makes every write fail with `.storage(message)` until called with nil, as a full disk would.
    public func failWrites(_ message: String?) { state.withLock { $0.storageFailure = message } }

    /// Whether `visitorID` is in the holdout: FNV-1a of the id, against the share.
    public func isInHoldout(_ visitorID: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in visitorID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Double(hash % 10_000) < holdoutShare * 10_000
    }

    public func decide(_ request: DecisionRequest) async throws(DecisionEngineError) -> Decision {
        guard (1...256).contains(request.visitorID.count) else {
            throw .invalidField(name: "visitor_id", expected: "a string of 1 to 256 characters")
        }
        guard (1...20).contains(request.limit) else {
            throw .invalidField(name: "limit", expected: "an integer from 1 to 20")
        }
        guard let blocks = inventory[request.surface], !blocks.isEmpty else {
            throw .unknownSurface(request.surface)
        }
        let holdout = isInHoldout(request.visitorID)
        let result: Result<Decision, DecisionEngineError> = state.withLock { state in
            if let failure = state.storageFailure { return .failure(.storage(failure)) }
            var ranked = blocks.map { block in
                let tally = state.rewards[RewardKey(surface: request.surface, block: block)] ?? (0, 0)
                return Decision.RankedBlock(
                    blockID: block, expectedReward: (tally.sum + 1) / Double(tally.count + 2))
            }
            ranked.sort { ($0.expectedReward, $1.blockID) > ($1.expectedReward, $0.blockID) }
            var propensity = 1.0
            if holdout {
                // The holdout's first block is drawn uniformly; its propensity is 1/K whatever K is.
                let pick = Int(state.random.next() % UInt64(ranked.count))
                ranked.insert(ranked.remove(at: pick), at: 0)
                propensity = 1 / Double(ranked.count)
            }
            let decision = Decision(
                decisionID: "mem-" + String(state.nextID, radix: 16), visitorID: request.visitorID,
                blocks: Array(ranked.prefix(request.limit)), propensity: propensity, isHoldout: holdout,
                policyVersion: policyVersion)
            state.nextID += 1
            state.logged[decision.decisionID] = Logged(index: state.log.decisions.count, surface: request.surface)
            state.log.decisions.append(decision)
            return .success(decision)
        }
        return try result.get()
    }

    public func record(_ outcome: DecisionOutcome) async throws(DecisionEngineError) {
        guard outcome.reward.isFinite, (0...1).contains(outcome.reward) else {
            throw .invalidField(name: "reward", expected: "a number from 0 to 1")
        }
        let result: Result<Void, DecisionEngineError> = state.withLock { state in
            guard let logged = state.logged[outcome.decisionID] else {
                return .failure(.unknownDecision(outcome.decisionID))
            }
            let decision = state.log.decisions[logged.index]
            guard let block = outcome.blockID ?? decision.blocks.first?.blockID,
                decision.blocks.contains(where: { $0.blockID == block })
            else {
                return .failure(.invalidField(name: "block_id", expected: "a block_id the decision returned"))
            }
            let key = OutcomeKey(decision: outcome.decisionID, block: block, kind: outcome.kind)
            guard !state.recorded.contains(key) else {
                return .failure(.duplicateOutcome(decisionID: outcome.decisionID))
            }
            if let failure = state.storageFailure { return .failure(.storage(failure)) }
            state.recorded.insert(key)
            state.log.outcomes.append(outcome)
            let rewardKey = RewardKey(surface: logged.surface, block: block)
            let tally = state.rewards[rewardKey] ?? (0, 0)
            state.rewards[rewardKey] = (tally.sum + outcome.reward, tally.count + 1)
            return .success(())
        }
        try result.get()
    }
}
