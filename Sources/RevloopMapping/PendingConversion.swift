public import RevloopCore

/// An operation decided in everything but its person: the planner knows it would upload, restate or
/// retract this value, and needs the deal's contact (consent, identifiers, clicks) to finish it.
public struct PendingConversion: Hashable, Sendable {
    /// Upload, restate or retract.
    public var action: PlannedOperation.Action
    public var key: DedupKey
    /// The goal's position in the planner's goals.
    public var goalIndex: Int
    public var stage: FiredStage
    public var connector: ConnectorName
    public var crmName: String
    public var dealID: DealID
    public var value: Money
    public var conversion: CurrencyConversion?
    /// The scoring model that gave the value's probability (`predicted` goals), for the ledger.
    public var modelVersion: String? = nil
}
