/// One stage of a pipeline. Won and lost come from metadata, never from the label.
public struct PipelineStage: Hashable, Sendable, Codable {
    public var id: StageID
    public var label: String
    /// The CRM's win probability for deals in this stage, 0 to 1.
    public var winProbability: Double
    public var isClosed: Bool
    public var isWon: Bool

    public init(id: StageID, label: String, winProbability: Double, isClosed: Bool, isWon: Bool) {
        self.id = id
        self.label = label
        self.winProbability = winProbability
        self.isClosed = isClosed
        self.isWon = isWon
    }
}
