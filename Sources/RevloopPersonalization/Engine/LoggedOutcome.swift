public import RevloopCore

/// An outcome as the log keeps it; (decision, block, kind) is unique, so a reward counts once.
public struct LoggedOutcome: Hashable, Sendable, Codable {
    public var sequence: Int64
    public var decisionID: String
    public var blockID: String
    public var kind: DecisionOutcome.Kind
    public var reward: Double
    public var time: Timestamp

    public init(
        sequence: Int64, decisionID: String, blockID: String, kind: DecisionOutcome.Kind, reward: Double,
        time: Timestamp
    ) {
        self.sequence = sequence
        self.decisionID = decisionID
        self.blockID = blockID
        self.kind = kind
        self.reward = reward
        self.time = time
    }
}

extension DecisionOutcome.Kind: Codable {}
