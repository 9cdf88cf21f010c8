public import RevloopCore

/// A decision as the log keeps it: everything off-policy evaluation and a delayed reward need later
/// (the context columns it was made in, the eligible set, the propensity of the block shown first).
public struct LoggedDecision: Hashable, Sendable, Codable {
    /// How the first block was chosen.
    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable {
        /// Thompson sampling.
        case policy
        /// The holdout's uniform draw among the eligible blocks (propensity 1/K).
        case holdout
        /// A do-not-personalize visitor's fixed default ranking (propensity 1, not learned from).
        case defaultRanking = "default_ranking"
    }

    /// Position in the log: decisions and outcomes share one increasing sequence.
    public var sequence: Int64
    public var decisionID: String
    public var visitorID: String
    public var surface: String
    public var time: Timestamp
    public var mode: Mode
    /// Ranked block ids, best first (the first was shown with `propensity`).
    public var blocks: [String]
    public var propensity: Double
    /// Every block that was eligible, in inventory order.
    public var eligibleBlocks: [String]
    /// The policy's active context columns (empty for the default ranking: nothing personal is kept).
    public var features: [Int32]
    public var policyVersion: String

    public init(
        sequence: Int64, decisionID: String, visitorID: String, surface: String, time: Timestamp, mode: Mode,
        blocks: [String], propensity: Double, eligibleBlocks: [String], features: [Int32], policyVersion: String
    ) {
        self.sequence = sequence
        self.decisionID = decisionID
        self.visitorID = visitorID
        self.surface = surface
        self.time = time
        self.mode = mode
        self.blocks = blocks
        self.propensity = propensity
        self.eligibleBlocks = eligibleBlocks
        self.features = features
        self.policyVersion = policyVersion
    }

    /// The block shown first, whose propensity is logged.
    public var shownBlock: String? { blocks.first }
}
