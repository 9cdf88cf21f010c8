/// What the Pipedrive emulator serves: deals (deleted ones included) and persons in id order, pipelines and
/// their stages, and activities (calls, meetings, emails...) in id order.
public struct PipedriveDataset: Sendable {
    public var deals: [PipedriveDeal]
    public var persons: [PipedrivePerson]
    /// Pipeline id to name, in display order.
    public var pipelines: [(id: Int64, name: String)]
    public var stages: [PipedriveStage]
    public var activities: [PipedriveActivity]

    public init(
        deals: [PipedriveDeal], persons: [PipedrivePerson], pipelines: [(id: Int64, name: String)],
        stages: [PipedriveStage], activities: [PipedriveActivity] = []
    ) {
        self.deals = deals.sorted { $0.id < $1.id }
        self.persons = persons.sorted { $0.id < $1.id }
        self.pipelines = pipelines
        self.stages = stages
        self.activities = activities.sorted { $0.id < $1.id }
    }

    /// Deals not deleted.
    public var liveDealCount: Int { deals.count { $0.status != .deleted } }
}
