/// An amount of money in integer minor units of one currency (cents for USD, yen for JPY).
///
/// Money is never a `Double`: CRM amounts arrive as decimal strings and are parsed exactly.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in the currency's minor units.
    public var minorUnits: Int64
    /// The currency.
    public var currency: CurrencyCode

    /// Creates an amount from minor units.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a plain decimal string (`"12500"`, `"12500.5"`, `"-3.75"`) exactly into minor units.
    ///
    /// Returns `nil` for an empty string, grouping separators, exponents, or more fractional digits
    /// than the currency has (a value that cannot be represented without rounding is refused, not rounded).
    /// `init(decimal:currency:)` for a `String` (the common case, without generic dispatch).
    public init?(decimal text: String, currency: CurrencyCode) {
        guard let minorUnits = DecimalText.parse(text, fractionDigits: currency.minorUnitDigits) else { return nil }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public init?(decimal text: some StringProtocol, currency: CurrencyCode) {
        guard let minorUnits = DecimalText.parse(text, fractionDigits: currency.minorUnitDigits) else { return nil }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The amount as a plain decimal string with the currency's number of fractional digits (`"12500.00"`).
    public var decimalString: String { DecimalText.format(minorUnits, fractionDigits: currency.minorUnitDigits) }

    public var description: String { "\(decimalString) \(currency.code)" }
}
