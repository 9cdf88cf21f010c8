public import RevloopHTTP

/// How delivery behaves beyond the platforms' contracts: retries, give-up point, the in-doubt policy and
/// whether anything is recorded.
public struct DeliverySettings: Hashable, Sendable {
    /// Retries within a run.
    public var retry: RetryPolicy
    /// Total requests across runs after which an operation that keeps failing is dead-lettered.
    public var deadLetterAfter: Int
    /// LinkedIn does not deduplicate: after a lost answer, resend (risking a double count) instead of
    /// holding the operation as a dead letter for a human to decide.
    public var resendInDoubt: Bool
    /// Validate-only and test-mode runs record nothing in the ledger.
    public var recordsInLedger: Bool
    /// Seeds the backoff jitter, so a run with faults is reproducible.
    public var jitterSeed: UInt64
    /// How long a request may wait for its answer; then it counts as unanswered (resent where the
    /// platform deduplicates, in doubt on LinkedIn).
    public var requestTimeout: Duration
    /// Requests in flight at once per destination (Meta's own SDK sends 4 at once): the ledger's work on
    /// one answer overlaps the platform's on the next requests.
    public var requestsInFlight: Int

    public init(
        retry: RetryPolicy = RetryPolicy(), deadLetterAfter: Int = 10, resendInDoubt: Bool = false,
        recordsInLedger: Bool = true, jitterSeed: UInt64 = 1, requestsInFlight: Int = 4,
        requestTimeout: Duration = .seconds(30)
    ) {
        self.requestTimeout = requestTimeout
        self.requestsInFlight = requestsInFlight
        self.retry = retry
        self.deadLetterAfter = deadLetterAfter
        self.resendInDoubt = resendInDoubt
        self.recordsInLedger = recordsInLedger
        self.jitterSeed = jitterSeed
    }
}
