/// One dated rate of a currency against the US dollar: how many dollars one unit buys that day.
///
/// Rates are exact decimals scaled by 10^9 (never a `Double`), so a conversion is reproducible to the
/// minor unit and the ledger can record the rate it used as text.
public struct ExchangeRate: Hashable, Sendable, Codable {
    /// Fixed-point scale of `usdPerUnitScaled`.
    public static let scale: Int64 = 1_000_000_000

    public var day: CalendarDay
    public var currency: CurrencyCode
    /// US dollars per one unit of `currency`, times `scale`.
    public var usdPerUnitScaled: Int64

    public init(day: CalendarDay, currency: CurrencyCode, usdPerUnitScaled: Int64) {
        self.day = day
        self.currency = currency
        self.usdPerUnitScaled = usdPerUnitScaled
    }

    /// Parses a positive decimal rate with at most nine fractional digits (`"1.0842"`).
    public static func scaled(_ text: some StringProtocol) -> Int64? {
        guard let scaled = DecimalText.parse(text, fractionDigits: 9), scaled > 0 else { return nil }
        return scaled
    }

    /// The rate as a decimal string (`"1.0842"`), trailing zeros dropped.
    public var decimalText: String {
        var text = DecimalText.format(usdPerUnitScaled, fractionDigits: 9)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
