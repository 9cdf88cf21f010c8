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
    public init?(decimal text: some StringProtocol, currency: CurrencyCode) {
        let digits = currency.minorUnitDigits
        var bytes = Substring(text).utf8[...]
        var isNegative = false
        if bytes.first == UInt8(ascii: "-") {
            isNegative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            seenDigit = true
            let value = Int64(byte - 48)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > digits {
                    // Trailing zeros beyond the currency's precision are harmless ("10.500" USD).
                    guard value == 0 else { return nil }
                    continue
                }
                fraction = fraction * 10 + value
            } else {
                let (times10, overflow1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(value)
                guard !overflow1, !overflow2 else { return nil }
                whole = sum
            }
        }
        guard seenDigit else { return nil }
        for _ in min(fractionDigits, digits)..<digits { fraction *= 10 }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let (scaled, overflow1) = whole.multipliedReportingOverflow(by: scale)
        let (total, overflow2) = scaled.addingReportingOverflow(fraction)
        guard !overflow1, !overflow2 else { return nil }
        self.minorUnits = isNegative ? -total : total
        self.currency = currency
    }

    /// The amount as a plain decimal string with the currency's number of fractional digits (`"12500.00"`).
    public var decimalString: String {
        let digits = currency.minorUnitDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(magnitude % scale)
        let padding = String(repeating: "0", count: digits - fraction.count)
        return "\(sign)\(magnitude / scale).\(padding)\(fraction)"
    }

    public var description: String { "\(decimalString) \(currency.code)" }
}
