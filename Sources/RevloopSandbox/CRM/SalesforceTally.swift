/// What the Salesforce emulator answered, for tests and `GET /_sandbox/salesforce`.
public struct SalesforceTally: Hashable, Sendable, Codable {
    /// REST requests, whatever the answer (the token endpoint not included).
    public var requests = 0
    /// `query` and `queryAll` calls that started a query (not `nextRecordsUrl` pages).
    public var queries = 0
    /// Queries stopped with 400 `QUERY_TIMEOUT` (over `queryTimeoutAbove` matches).
    public var queryTimeouts = 0
    /// Bulk API 2.0 query jobs created.
    public var bulkJobs = 0
    /// Pages served through `nextRecordsUrl`.
    public var followedPages = 0
    /// 403 `REQUEST_LIMIT_EXCEEDED`: injected, or over the emulated daily limit.
    public var throttled = 0
    public var serverErrors = 0
    /// Connections dropped without an answer.
    public var dropped = 0
    /// Answers held back `stallSeconds` (the client times out first).
    public var stalled = 0
    /// 401 `INVALID_SESSION_ID` answers.
    public var refusedSessions = 0
    /// 400 answers (a malformed query, an unknown field or object).
    public var badRequests = 0
    /// Access tokens granted, by grant type.
    public var refreshGrants = 0
    public var jwtGrants = 0
    /// Token requests refused (`invalid_grant`, `invalid_client`).
    public var refusedGrants = 0

    public init() {}
}
