internal import RevloopCore
internal import Synchronization

/// Repeats one request's attempts within a `RetryPolicy`: exponential backoff with seeded jitter and a
/// server's `Retry-After` honoured over it. What an answer means, and the error once the budget is spent,
/// are the caller's: the CRM connectors and the spend reports each say them in their own terms.
public final class RetryLoop: Sendable {
    /// What one attempt came to.
    public enum Attempt<Answer> {
        case answered(Answer)
        /// Worth another try; `problem` goes into the final error (never a record's content).
        case failed(problem: String, retryAfter: Duration?)
    }

    private let policy: RetryPolicy
    private let clock: any DelayClock
    private let random: Mutex<SeededRandomNumberGenerator>

    public init(policy: RetryPolicy, clock: any DelayClock, jitterSeed: UInt64) {
        self.policy = policy
        self.clock = clock
        self.random = Mutex(SeededRandomNumberGenerator(seed: jitterSeed))
    }

    /// Runs `attempt` until it answers, throws, or the budget is spent.
    ///
    /// - Parameters:
    ///   - attempt: sends the request once and says what the answer means.
    ///   - exhausted: the error once the budget is spent, given the attempts made and the last problem.
    ///   - cancelled: the error when the task is cancelled during a wait.
    /// - Returns: the first answer that is not a failure worth retrying.
    /// - Throws: what `attempt` throws, `exhausted`'s error, or `cancelled`'s.
    public func run<Answer, Failure: Error>(
        attempt: () async throws(Failure) -> Attempt<Answer>, exhausted: (Int, String) -> Failure,
        cancelled: () -> Failure
    ) async throws(Failure) -> Answer {
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
            else { throw exhausted(attempts, problem) }
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw cancelled()
            }
        }
    }
}
