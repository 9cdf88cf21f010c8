/// Dated exchange rates against the US dollar, read from a CSV file (`date,currency,usd_per_unit`).
///
/// A conversion on a day uses each currency's latest rate dated on or before that day, crossing through
/// the dollar; the result is rounded half-to-even to the target's minor unit, and the rates and their
/// dates are returned with it so the ledger can show exactly what was applied.
public struct ExchangeRateTable: Hashable, Sendable {
    /// Per currency, rates sorted by day.
    private var rates: [CurrencyCode: [ExchangeRate]] = [:]

    public init(_ list: [ExchangeRate] = []) {
        for rate in list { rates[rate.currency, default: []].append(rate) }
        for currency in rates.keys { rates[currency]?.sort { $0.day < $1.day } }
    }

    /// Whether the table holds no rate at all.
    public var isEmpty: Bool { rates.isEmpty }

    /// The currencies the table has rates for (the dollar is implicit).
    public var currencies: [CurrencyCode] { rates.keys.sorted { $0.code < $1.code } }

    /// Parses the CSV text of `path`; each bad row is a diagnostic naming its line and is left out.
    public static func parse(csv text: String, path: String, diagnostics: inout [Diagnostic]) -> ExchangeRateTable {
        var list: [ExchangeRate] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let row = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if row.isEmpty || row.hasPrefix("#") { continue }
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let source = DiagnosticSource(path: path, line: lineNumber)
            if lineNumber == 1 || (list.isEmpty && fields.first == "date") {
                if fields.map({ $0.trimmingSpaces }) != ["date", "currency", "usd_per_unit"] {
                    diagnostics.append(
                        Diagnostic(.error, "the header must be 'date,currency,usd_per_unit'", at: source))
                    return ExchangeRateTable()
                }
                continue
            }
            guard fields.count == 3 else {
                diagnostics.append(
                    Diagnostic(
                        .error, "expected 3 fields (date,currency,usd_per_unit), found \(fields.count)", at: source))
                continue
            }
            guard let day = CalendarDay(iso: fields[0].trimmingSpaces) else {
                diagnostics.append(Diagnostic(.error, "'date' must be YYYY-MM-DD", at: source))
                continue
            }
            guard let currency = CurrencyCode(fields[1].trimmingSpaces) else {
                diagnostics.append(Diagnostic(.error, "'currency' must be an ISO 4217 code such as EUR", at: source))
                continue
            }
            guard let scaled = ExchangeRate.scaled(fields[2].trimmingSpaces) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "'usd_per_unit' must be a positive decimal with at most 9 decimals, such as 1.0842",
                        at: source))
                continue
            }
            list.append(ExchangeRate(day: day, currency: currency, usdPerUnitScaled: scaled))
        }
        return ExchangeRateTable(list)
    }

    /// The latest rate of `currency` dated on or before `day`; the dollar is always 1.
    public func rate(of currency: CurrencyCode, on day: CalendarDay) -> ExchangeRate? {
        if currency == .usd { return ExchangeRate(day: day, currency: .usd, usdPerUnitScaled: ExchangeRate.scale) }
        guard let list = rates[currency], let first = list.first, first.day <= day else { return nil }
        var low = 0
        var high = list.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if list[middle].day <= day { low = middle } else { high = middle - 1 }
        }
        return list[low]
    }

    /// Converts `amount` into `currency` at the rates of `day`; `nil` when a rate is missing.
    public func convert(_ amount: Money, to currency: CurrencyCode, on day: CalendarDay) -> CurrencyConversion? {
        if amount.currency == currency { return CurrencyConversion(original: amount, converted: amount, rates: []) }
        guard let from = rate(of: amount.currency, on: day), let to = rate(of: currency, on: day) else { return nil }
        // minor_to = minor_from * from/to * 10^(digits_to - digits_from), exactly, then rounded half-to-even.
        var numerator = Int128(amount.minorUnits) * Int128(from.usdPerUnitScaled)
        var denominator = Int128(to.usdPerUnitScaled)
        let shift = currency.minorUnitDigits - amount.currency.minorUnitDigits
        for _ in 0..<max(shift, 0) { numerator *= 10 }
        for _ in 0..<max(-shift, 0) { denominator *= 10 }
        let converted = Money(
            minorUnits: Int64(Self.roundHalfEven(numerator, denominator)), currency: currency)
        let used = [from, to].filter { $0.currency != .usd }
        return CurrencyConversion(original: amount, converted: converted, rates: used)
    }

    /// `numerator / denominator` rounded half-to-even (`denominator` > 0).
    public static func roundHalfEven(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        var quotient = numerator / denominator
        let remainder = numerator - quotient * denominator
        let twice = remainder.magnitude * 2
        if twice > denominator.magnitude || (twice == denominator.magnitude && quotient % 2 != 0) {
            quotient += numerator < 0 ? -1 : 1
        }
        return quotient
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
