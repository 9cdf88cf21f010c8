/// What the Pipedrive emulator answered, for tests and `GET /_sandbox/pipedrive`.
public struct PipedriveTally: Hashable, Sendable, Codable {
    /// API requests, whatever the answer.
    public var requests = 0
    /// 429s injected.
    public var throttled = 0
    public var serverErrors = 0
    /// Connections dropped without an answer.
    public var dropped = 0
    /// Answers held back `stallSeconds` (the client times out first).
    public var stalled = 0
    /// 401 answers.
    public var refusedCredentials = 0
    /// 400 answers (a bad `limit`, `cursor` or filter).
    public var badRequests = 0
    /// Deal flows read (`GET /api/v1/deals/{id}/flow`, each page).
    public var flowRequests = 0
    /// A deal's persons read (`GET /api/v2/persons?deal_id=`, each page).
    public var dealPersonRequests = 0
    /// Persons merged over HTTP (`PUT /api/v1/persons/{id}/merge`).
    public var merges = 0

    public init() {}
}
