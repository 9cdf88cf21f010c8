public import RevloopHTTP
internal import Synchronization

/// The in-memory twin of `SystemDelayClock`: waiting moves its time forward at once, so retries and rate
/// limits run in tests without sleeping, and every wait is recorded.
public final class ManualDelayClock: DelayClock {
    private let state = Mutex((now: Duration.zero, waits: [Duration]()))

    public init() {}

    public func now() -> Duration { state.withLock { $0.now } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.now += max(duration, .zero)
            $0.waits.append(duration)
        }
    }

    /// Every wait asked for, in order.
    public var waits: [Duration] { state.withLock { $0.waits } }

    /// Moves time forward without a wait (time spent working).
    public func advance(by duration: Duration) { state.withLock { $0.now += duration } }
}
