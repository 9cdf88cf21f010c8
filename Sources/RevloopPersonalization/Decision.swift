/// The engine's answer to a `DecisionRequest`: blocks in the order to show them, and what the log needs to
/// evaluate the choice later (the propensity of what was shown, whether the visitor is in the holdout).
public struct Decision: Hashable, Sendable {
    /// One ranked block.
    public struct RankedBlock: Hashable, Sendable {
        public var blockID: String
        /// The policy's estimate of the block's reward for this visitor (mean, not the sampled draw).
        public var expectedReward: Double
        public init(blockID: String, expectedReward: Double) {
            self.blockID = blockID
            self.expectedReward = expectedReward
        }
    }

    /// Unique per decision; the outcome names it.
    public var decisionID: String
    public var visitorID: String
    /// Best first; never empty unless no block is eligible.
    public var blocks: [RankedBlock]
    /// The probability that the policy shows `blocks.first` to this visitor in this context (1/K for the
    /// holdout's uniform choice over K eligible blocks). Off-policy evaluation divides by it.
    public var propensity: Double
    /// The visitor is in the deterministic holdout: the first block was drawn uniformly at random.
    public var isHoldout: Bool
    /// The policy and model state that decided, so logs from different versions are not mixed.
    public var policyVersion: String
    /// The visitor asked not to be personalized: the blocks are the inventory's fixed default order.
    public var isDefaultRanking: Bool

    public init(
        decisionID: String, visitorID: String, blocks: [RankedBlock], propensity: Double, isHoldout: Bool,
        policyVersion: String, isDefaultRanking: Bool = false
    ) {
        self.decisionID = decisionID
        self.visitorID = visitorID
        self.blocks = blocks
        self.propensity = propensity
        self.isHoldout = isHoldout
        self.policyVersion = policyVersion
        self.isDefaultRanking = isDefaultRanking
    }
}
