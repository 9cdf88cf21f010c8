import RevloopHTTP
import RevloopTesting
import Testing

@Suite struct PacingTests {
    @Test func backoffDoublesWithJitterHonoursRetryAfterAndStopsAtTheBudget() {
        let policy = RetryPolicy(
            maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(30), maxElapsed: .seconds(60))
        #expect(policy.delay(afterAttempt: 1, elapsed: .zero, retryAfter: nil, unit: 0.5) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 3, elapsed: .zero, retryAfter: nil, unit: 0.999) == .seconds(4) * 0.999)
        #expect(policy.delay(afterAttempt: 2, elapsed: .zero, retryAfter: .seconds(20), unit: 0) == .seconds(20))
        #expect(policy.delay(afterAttempt: 2, elapsed: .zero, retryAfter: .seconds(90), unit: 0) == .seconds(30))
        #expect(policy.delay(afterAttempt: 4, elapsed: .zero, retryAfter: nil, unit: 0) == nil)
        #expect(policy.delay(afterAttempt: 2, elapsed: .seconds(50), retryAfter: .seconds(20), unit: 0) == nil)
    }

    @Test func theSlidingWindowIsUsedToTheFullAndNeverExceeded() async throws {
        let clock = ManualDelayClock()
        let limiter = SlidingWindowLimiter(limit: 300, window: .seconds(60), clock: clock)
        var starts: [Duration] = []
        for index in 0..<1_000 {
            try await limiter.acquire()
            starts.append(clock.now())
            if index % 7 == 0 { clock.advance(by: .milliseconds(50)) }
        }
        // No 60-second window holds more than 300 starts...
        for (index, start) in starts.enumerated() {
            let inWindow = starts[index...].prefix { $0 - start < .seconds(60) }.count
            #expect(inWindow <= 300)
        }
        // ...and the quota is saturated: 1,000 requests need three full windows and a little more.
        #expect(starts.last.map { $0 < .seconds(181) && $0 >= .seconds(180) } == true)
    }
}
