/// A deal's amount taking a new value at an instant (restatements come from these).
public struct AmountChange: Hashable, Sendable, Codable {
    public var amount: Money
    public var changedAt: Timestamp

    public init(amount: Money, changedAt: Timestamp) {
        self.amount = amount
        self.changedAt = changedAt
    }
}
