/// An amount converted between currencies, with the dated rates used (empty when no conversion was needed).
public struct CurrencyConversion: Hashable, Sendable, Codable {
    public var original: Money
    public var converted: Money
    public var rates: [ExchangeRate]

    public init(original: Money, converted: Money, rates: [ExchangeRate]) {
        self.original = original
        self.converted = converted
        self.rates = rates
    }

    /// For reports and the ledger: `"317476.00 CAD -> 230000.00 USD at CAD 0.72 (2026-08-01)"`.
    public var summary: String {
        guard !rates.isEmpty else { return converted.description }
        let used = rates.map { "\($0.currency) \($0.decimalText) USD (\($0.day))" }.joined(separator: ", ")
        return "\(original) -> \(converted) at \(used)"
    }
}
