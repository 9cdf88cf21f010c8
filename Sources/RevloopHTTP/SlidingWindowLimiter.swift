internal import Synchronization

/// Admits at most `limit` requests in any window of `window` (Data Manager: 300 a minute per project):
/// it remembers when the last `limit` requests started and makes the next wait until the oldest of them
/// has left the window. So the quota is used to the full and never exceeded, even in bursts, which a
/// token bucket refilled at the average rate cannot promise for a sliding-window quota.
public final class SlidingWindowLimiter: Sendable {
    public let limit: Int
    public let window: Duration
    private let clock: any DelayClock
    /// Start times of the admitted requests still inside the window, oldest first (a ring).
    private let starts: Mutex<[Duration]>

    public init(limit: Int, window: Duration, clock: any DelayClock) {
        self.limit = max(1, limit)
        self.window = window
        self.clock = clock
        self.starts = Mutex([])
    }

    /// Waits until one more request fits in the window, then counts it as started.
    public func acquire() async throws {
        while true {
            let now = clock.now()
            let wait: Duration = starts.withLock { starts in
                starts.removeAll { now - $0 >= window }
                if starts.count < limit {
                    starts.append(now)
                    return .zero
                }
                return window - (now - starts[0])
            }
            if wait == .zero { return }
            try await clock.sleep(for: wait)
        }
    }
}
