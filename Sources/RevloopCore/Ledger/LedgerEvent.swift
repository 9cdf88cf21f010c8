/// One change in an operation's history.
public struct LedgerEvent: Hashable, Sendable {
    public var recordedAt: Timestamp
    public var state: LedgerEntry.State
    public var value: Money
    public var note: String
    /// The platform's answer code at this change, when there was one.
    public var code: String?
    /// The platform's request id at this change, when there was one.
    public var requestID: String?

    public init(
        recordedAt: Timestamp, state: LedgerEntry.State, value: Money, note: String, code: String? = nil,
        requestID: String? = nil
    ) {
        self.recordedAt = recordedAt
        self.state = state
        self.value = value
        self.note = note
        self.code = code
        self.requestID = requestID
    }
}
