public import RevloopCore

/// One change in an operation's history.
public struct LedgerEvent: Hashable, Sendable {
    public var recordedAt: Timestamp
    public var state: LedgerEntry.State
    public var value: Money
    public var note: String

    public init(recordedAt: Timestamp, state: LedgerEntry.State, value: Money, note: String) {
        self.recordedAt = recordedAt
        self.state = state
        self.value = value
        self.note = note
    }
}
