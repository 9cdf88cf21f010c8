/// What the ledger knows about one operation: its state, the value being sent or held, what the platform
/// held before, and the platform's last answer. The planner compares the CRM's truth with these; delivery
/// writes them; the store keeps them. Hashes and ids only: no personal data ever reaches an entry.
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
    /// Requests that carried this operation, across runs (reset when it is delivered).
    public var attempts: Int
    /// The platform's last answer code (`ORDER_ID_ALREADY_IN_USE`, `HTTP_503`, `INVALID_SHA256_FORMAT`).
    public var lastCode: String?
    /// The platform's id for the last request that carried it (Data Manager `requestId`, Meta `fbtrace_id`).
    public var requestID: String?
    /// What the platform held before this operation was sent (`nil`: nothing), so an interrupted
    /// restatement can be told from an interrupted first upload when a run resumes.
    public var heldBefore: Money?
    /// The scoring model whose win probability valued the operation (`predicted` goals), else `nil`.
    public var modelVersion: String?

    public init(
        key: DedupKey, platform: Platform, goal: String, connector: ConnectorName, dealID: DealID, stageID: StageID,
        state: State, value: Money, updatedAt: Timestamp, attempts: Int = 0, lastCode: String? = nil,
        requestID: String? = nil, heldBefore: Money? = nil, modelVersion: String? = nil
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
        self.attempts = attempts
        self.lastCode = lastCode
        self.requestID = requestID
        self.heldBefore = heldBefore
        self.modelVersion = modelVersion
    }
}
