/// A deal entering a stage at an instant.
public struct StageTransition: Hashable, Sendable, Codable {
    public var stageID: StageID
    public var enteredAt: Timestamp

    public init(stageID: StageID, enteredAt: Timestamp) {
        self.stageID = stageID
        self.enteredAt = enteredAt
    }
}
