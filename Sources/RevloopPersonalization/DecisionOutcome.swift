/// What happened after a decision: `POST /v1/outcomes`. Rewards arrive late (a deal stage reached weeks
/// after the click), so an outcome names its decision rather than the visitor's current state.
public struct DecisionOutcome: Hashable, Sendable {
    /// What the reward measures.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Engagement with the block shown (a click, a view past the fold, a download).
        case engagement
        /// The downstream action the content was meant to drive (a deal stage reached).
        case downstream
    }

    public var decisionID: String
    /// The block the reward is for; `nil` means the first block of the decision.
    public var blockID: String?
    /// In [0, 1].
    public var reward: Double
    public var kind: Kind

    public init(decisionID: String, blockID: String? = nil, reward: Double, kind: Kind = .engagement) {
        self.decisionID = decisionID
        self.blockID = blockID
        self.reward = reward
        self.kind = kind
    }
}
