/// How long to wait before retrying a request that failed in a way worth retrying, and when to stop:
/// exponential backoff with full jitter, bounded by attempts and by elapsed time, and a server's own
/// `Retry-After` (or Google's `retryDelay`) honoured over the backoff.
public struct RetryPolicy: Hashable, Sendable {
    /// Requests per operation within one run, the first included.
    public var maxAttempts: Int
    /// The backoff before the second attempt; each later one doubles it.
    public var baseDelay: Duration
    /// No single wait is longer than this.
    public var maxDelay: Duration
    /// No retry starts later than this after the first attempt: the rest waits for the next run.
    public var maxElapsed: Duration

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        maxElapsed: Duration = .seconds(120)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxElapsed = maxElapsed
    }

    /// The wait before attempt `attempt + 1`, or `nil` when the budget is spent. `retryAfter` is the
    /// server's instruction; `unit` is a uniform draw in [0, 1) for the jitter.
    public func delay(afterAttempt attempt: Int, elapsed: Duration, retryAfter: Duration?, unit: Double)
        -> Duration?
    {
        guard attempt < maxAttempts else { return nil }
        let wait: Duration
        if let retryAfter {
            wait = min(retryAfter, maxDelay)
        } else {
            // Full jitter: uniform in [0, base x 2^(attempt-1)], capped.
            let ceiling = min(baseDelay * (1 << min(attempt - 1, 30)), maxDelay)
            wait = ceiling * unit
        }
        guard elapsed + wait <= maxElapsed else { return nil }
        return wait
    }
}
