internal import Foundation

/// The seam through which anything that needs "now" reads it, so tests can pin the date.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The machine's clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Timestamp { Timestamp(Date()) }
}

/// A clock stopped at one instant: what `--as-of` gives every command.
public struct FixedWallClock: WallClock {
    /// The instant this clock always reports.
    public let instant: Timestamp
    public init(_ instant: Timestamp) { self.instant = instant }
    public func now() -> Timestamp { instant }
}
