/// What the HubSpot emulator answered, for tests and `GET /_sandbox/hubspot`.
public struct HubSpotTally: Hashable, Sendable, Codable {
    /// API requests, whatever the answer (the token endpoint not included).
    public var requests = 0
    public var searches = 0
    /// 429s: injected, or over an emulated limit.
    public var throttled = 0
    public var serverErrors = 0
    /// Connections dropped without an answer.
    public var dropped = 0
    /// Answers held back `stallSeconds` (the client times out first).
    public var stalled = 0
    /// 401 and 530 answers.
    public var refusedCredentials = 0
    /// 400 answers (validation, the 10,000-result cap).
    public var badRequests = 0
    /// Access tokens granted by the OAuth endpoint.
    public var tokensGranted = 0

    public init() {}
}
