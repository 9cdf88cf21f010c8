internal import RevloopCore
internal import RevloopHTTP
internal import Synchronization

/// Repeats one API request's attempts within a `RetryPolicy`: exponential backoff with seeded jitter, a
/// server's `Retry-After` honoured over it, and a `retriesExhausted` error naming the connector file and
/// what to do once the budget is spent. What an attempt's answer means is the connector's to say.
final class ConnectorRetrier: Sendable {
    /// What one attempt came to.
    enum Attempt<Answer> {
        case answered(Answer)
        /// Worth another try: `problem` is said in the final error (never a record's content).
        case failed(problem: String, retryAfter: Duration?)
    }

    private let policy: RetryPolicy
    private let clock: any DelayClock
    private let random: Mutex<SeededRandomNumberGenerator>

    init(policy: RetryPolicy, clock: any DelayClock, jitterSeed: UInt64) {
        self.policy = policy
        self.clock = clock
        self.random = Mutex(SeededRandomNumberGenerator(seed: jitterSeed))
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
        let started = clock.now()
        var attempts = 0
        while true {
            attempts += 1
            let problem: String
            let retryAfter: Duration?
            switch try await attempt() {
            case .answered(let answer): return answer
            case .failed(let what, let wait):
                problem = what
                retryAfter = wait
            }
            let unit = random.withLock { Double.random(in: 0..<1, using: &$0) }
            guard
                let wait = policy.delay(
                    afterAttempt: attempts, elapsed: clock.now() - started, retryAfter: retryAfter, unit: unit)
            else {
                throw ConnectorError(
                    .retriesExhausted,
                    "\(sourcePath): \(request) failed \(attempts) times (last: \(problem)); \(crm) is throttling or "
                        + "unavailable: pull again later, it resumes after the last committed page")
            }
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw ConnectorError(.unreadable, "\(sourcePath): the pull was cancelled")
            }
        }
    }
}
