/// How many rows of each kind the store holds.
public struct SnapshotCounts: Hashable, Sendable, Codable {
    public var pipelines = 0
    public var stages = 0
    public var companies = 0
    public var contacts = 0
    public var contactIdentifiers = 0
    public var clickIDs = 0
    public var activities = 0
    public var deals = 0
    public var deletedDeals = 0
    public var dealContacts = 0
    public var stageTransitions = 0
    public var amountChanges = 0

    public init() {}
}
