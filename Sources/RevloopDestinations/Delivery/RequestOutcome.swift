/// What one request's answer means for its events, whatever the platform's shape.
public enum RequestOutcome: Hashable, Sendable {
    /// The request was ingested. Events at the indexes in `exceptions` got another verdict (Google Ads'
    /// per-row partial failures); the rest were accepted.
    case delivered(requestID: String?, exceptions: [Int: EventVerdict])
    /// The whole request was refused because of some of its events (fast-fail platforms) and nothing was
    /// ingested. `located` holds the refused events' indexes and codes when the answer names them; when it
    /// is empty the culprit must be found by splitting the request.
    case refused(code: String, located: [Int: String])
    /// Nothing was ingested, for a passing reason (429, 5xx, a transient code). `after` is the
    /// platform's own wait (`Retry-After`, `retryDelay`) when it gave one.
    case retryable(code: String, after: Duration?)
    /// The platform refused the access token: nothing was ingested. Delivery refreshes the token once
    /// (when its source can) and resends; otherwise this stops the destination like `stopped`.
    case unauthorized(code: String)
    /// Nothing was ingested and no other request to this platform will fare better in this run (bad
    /// credentials, a retired API version, a token not allowlisted): `advice` says what to change.
    case stopped(code: String, advice: String)
}
