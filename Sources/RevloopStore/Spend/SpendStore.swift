public import RevloopCore

/// Daily spend per channel and campaign, pulled from the ad platforms' reporting APIs. A day pulled again
/// replaces what was stored for it (platforms restate recent days as late clicks and refunds settle).
public protocol SpendStore: Sendable {
    func saveSpend(_ rows: [SpendRow]) async throws
    /// The rows from `from` through `through` (either open), by day, channel and campaign.
    func spend(from: CalendarDay?, through: CalendarDay?) async throws -> [SpendRow]
}
