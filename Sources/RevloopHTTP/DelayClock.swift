/// Monotonic time and waiting, as one seam: retries and rate limits wait through it, so tests run them
/// on a manual clock without sleeping and the live code waits for real.
public protocol DelayClock: Sendable {
    /// Time elapsed since an arbitrary fixed origin; only differences mean anything.
    func now() -> Duration
    /// Waits `duration` (a cancelled task stops waiting and throws).
    func sleep(for duration: Duration) async throws
}

/// The machine's monotonic clock.
public struct SystemDelayClock: DelayClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
