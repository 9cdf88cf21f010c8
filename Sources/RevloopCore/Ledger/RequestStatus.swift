/// What a platform said, after the fact, about one request it had accepted: Data Manager processes
/// ingested events asynchronously and reports per request (`requestStatus:retrieve`), not per event.
public struct RequestStatus: Hashable, Sendable, Codable {
    /// `SUCCESS`, `PARTIAL_SUCCESS`, `FAILED`, `PROCESSING` or `UNKNOWN` (not answered yet).
    public var requestID: String
    public var platform: Platform
    public var state: String
    /// Events the platform processed.
    public var records: Int
    /// Events the platform could not use, by its reason (`DUPLICATE_TRANSACTION_ID`, `EVENT_TOO_OLD`, ...).
    public var errors: [String: Int]
    public var checkedAt: Timestamp

    public init(
        requestID: String, platform: Platform, state: String, records: Int, errors: [String: Int],
        checkedAt: Timestamp
    ) {
        self.requestID = requestID
        self.platform = platform
        self.state = state
        self.records = records
        self.errors = errors
        self.checkedAt = checkedAt
    }

    /// The platform has not finished processing (or has not answered): worth asking again.
    public var isPending: Bool { state == "PROCESSING" || state == "UNKNOWN" }
}
