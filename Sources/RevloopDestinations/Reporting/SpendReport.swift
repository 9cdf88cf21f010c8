public import RevloopCore

/// An ad platform's reporting API, read for what each campaign spent each day: the allocator's spend.
public protocol SpendReport: Sendable {
    /// The allocator's channel these rows belong to (`google`, `meta`, `linkedin`).
    var channel: String { get }
    /// Daily spend per campaign of `account` from `from` through `through` (the account's days).
    func spend(account: String, from: CalendarDay, through: CalendarDay) async throws(SpendReportError) -> [SpendRow]
}

/// Why a spend report could not be read, with what to do.
public struct SpendReportError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
