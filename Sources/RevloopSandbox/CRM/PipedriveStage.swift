/// A stage of a Pipedrive pipeline: Pipedrive has no won or lost stages (a deal's status says that), and
/// `deal_probability` is a percentage.
public struct PipedriveStage: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var pipelineID: Int64
    public var order: Int
    /// 0 to 100.
    public var dealProbability: Int

    public init(id: Int64, name: String, pipelineID: Int64, order: Int, dealProbability: Int) {
        self.id = id
        self.name = name
        self.pipelineID = pipelineID
        self.order = order
        self.dealProbability = dealProbability
    }
}
