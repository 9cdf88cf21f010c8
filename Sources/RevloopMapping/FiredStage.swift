public import RevloopCore

/// A stage entry that fires a goal's conversion: the first time the deal entered a triggering stage.
public struct FiredStage: Hashable, Sendable {
    public var stageID: StageID
    public var label: String
    public var enteredAt: Timestamp
    /// The stage is a won stage in its pipeline.
    public var isWon: Bool
    /// The stage's win probability in the CRM pipeline (0 when the pipeline does not know the stage).
    public var crmProbability: Double
}
