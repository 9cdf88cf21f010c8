internal import RevloopCore
internal import RevloopHTTP

/// Repeats one API request's attempts within a `RetryPolicy`: exponential backoff with seeded jitter, a
/// server's `Retry-After` honoured over it, and a `retriesExhausted` error naming the connector file and
/// what to do once the budget is spent. What an attempt's answer means is the connector's to say.
final class ConnectorRetrier: Sendable {
    typealias Attempt<Answer> = RetryLoop.Attempt<Answer>

    private let loop: RetryLoop

    init(policy: RetryPolicy, clock: any DelayClock, jitterSeed: UInt64) {
        loop = RetryLoop(policy: policy, clock: clock, jitterSeed: jitterSeed)
    }

    /// Runs `attempt` until it answers, throws, or the budget is spent.
    ///
    /// - Parameters:
    ///   - request: the request as the final error names it (`GET /api/v2/deals`).
    ///   - sourcePath: the connector file, for the final error.
    ///   - crm: the CRM's name, for the final error.
    ///   - attempt: sends the request once and says what the answer means.
    /// - Returns: the first attempt's answer that is not a failure worth retrying.
    /// - Throws: what `attempt` throws; `retriesExhausted` when the budget is spent; `unreadable` when
    ///   the pull is cancelled during a wait.
    func run<Answer>(
        _ request: String, sourcePath: String, crm: String,
        attempt: () async throws(ConnectorError) -> Attempt<Answer>
    ) async throws(ConnectorError) -> Answer {
        try await loop.run(
            attempt: attempt,
            exhausted: { attempts, problem in
                ConnectorError(
                    .retriesExhausted,
                    "\(sourcePath): \(request) failed \(attempts) times (last: \(problem)); \(crm) is throttling or "
                        + "unavailable: pull again later, it resumes after the last committed page")
            },
            cancelled: { ConnectorError(.unreadable, "\(sourcePath): the pull was cancelled") })
    }
}
