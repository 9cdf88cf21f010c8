/// The plan's decision for one (deal, goal, stage): what would be sent, or why nothing is.
public struct PlannedOperation: Hashable, Sendable {
    /// What the operation does.
    public enum Action: Hashable, Sendable {
        /// A new conversion.
        case upload
        /// Google only: the value changed after upload; the same transaction id carries the new value.
        case restate(previous: Money)
        /// Google only: the deal was lost, refunded or deleted after a won conversion was sent.
        case retract(previous: Money)
        /// Meta and LinkedIn cannot adjust a sent event: the value changed or the deal was lost, and the
        /// plan says so instead of sending a second event that would double-count.
        case cannotAdjust(previous: Money, now: Money?)
        /// Nothing is sent.
        case skip(SkipReason)
    }

    public var action: Action
    public var key: DedupKey
    public var goal: String
    public var platform: Platform
    public var dealID: DealID
    public var stageID: StageID
    public var occurredAt: Timestamp
    /// What would be sent (uploads, restatements, retractions); `nil` for skips and `cannotAdjust`.
    public var event: ConversionEvent?
    /// The goal's position in the plan's goals (so tallies index instead of hashing names); -1 if unknown.
    public var goalIndex: Int

    public init(
        action: Action, key: DedupKey, goal: String, platform: Platform, dealID: DealID, stageID: StageID,
        occurredAt: Timestamp, event: ConversionEvent?, goalIndex: Int = -1
    ) {
        self.goalIndex = goalIndex
        self.action = action
        self.key = key
        self.goal = goal
        self.platform = platform
        self.dealID = dealID
        self.stageID = stageID
        self.occurredAt = occurredAt
        self.event = event
    }

    /// Whether the operation sends a request.
    public var sends: Bool { event != nil }

    /// A stable code for the action (`upload`, `restate`, `retract`, `cannot_adjust`, `skip`).
    public var actionCode: String {
        switch action {
        case .upload: "upload"
        case .restate: "restate"
        case .retract: "retract"
        case .cannotAdjust: "cannot_adjust"
        case .skip: "skip"
        }
    }
}
