/// What the ledger knows about one operation: the last value the platform accepted for its dedup key,
/// and the operation's state. The planner compares the CRM's truth with these; the store keeps them.
public struct LedgerEntry: Hashable, Sendable {
    /// The delivery states of an operation.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case planned, sending, accepted, rejected, retrying, restated, retracted
        case deadLetter = "dead_letter"

        /// The platform holds the value in `value` (accepted, or accepted and later restated).
        public var isDelivered: Bool { self == .accepted || self == .restated }
        /// A send is under way or will be retried.
        public var isInFlight: Bool { self == .planned || self == .sending || self == .retrying }
    }

    public var key: DedupKey
    public var platform: Platform
    public var goal: String
    public var connector: ConnectorName
    public var dealID: DealID
    public var stageID: StageID
    public var state: State
    /// The value the platform holds (delivered states) or is being sent (in flight).
    public var value: Money
    public var updatedAt: Timestamp

    public init(
        key: DedupKey, platform: Platform, goal: String, connector: ConnectorName, dealID: DealID, stageID: StageID,
        state: State, value: Money, updatedAt: Timestamp
    ) {
        self.key = key
        self.platform = platform
        self.goal = goal
        self.connector = connector
        self.dealID = dealID
        self.stageID = stageID
        self.state = state
        self.value = value
        self.updatedAt = updatedAt
    }
}
