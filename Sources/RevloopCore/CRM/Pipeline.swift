/// A deal pipeline and its stages, in order.
public struct Pipeline: Hashable, Sendable, Codable {
    public var id: PipelineID
    public var label: String
    public var stages: [PipelineStage]

    public init(id: PipelineID, label: String, stages: [PipelineStage]) {
        self.id = id
        self.label = label
        self.stages = stages
    }
}
