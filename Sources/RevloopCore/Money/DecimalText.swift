/// Exact conversion between plain decimal text (`"12500.5"`, `"-3.75"`) and fixed-point integers.
enum DecimalText {
    /// Parses `text` into an integer scaled by 10^`fractionDigits`.
    ///
    /// `nil` for an empty string, grouping separators, exponents, overflow, or more significant fractional
    /// digits than `fractionDigits` (a value that cannot be represented without rounding is refused).
    static func parse(_ text: String, fractionDigits digits: Int) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, fractionDigits: digits) }
    }

    static func parse(_ text: some StringProtocol, fractionDigits digits: Int) -> Int64? {
        var copy = String(text)
        return copy.withUTF8 { parse(bytes: $0, fractionDigits: digits) }
    }

    static func parse(bytes text: UnsafeBufferPointer<UInt8>, fractionDigits digits: Int) -> Int64? {
        var bytes = text[...]
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
                    // Trailing zeros beyond the precision are harmless ("10.500" USD).
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
        return isNegative ? -total : total
    }

    /// `value` / 10^`fractionDigits` as plain decimal text with exactly `fractionDigits` decimals.
    static func format(_ value: Int64, fractionDigits digits: Int) -> String {
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(magnitude % scale)
        let padding = String(repeating: "0", count: digits - fraction.count)
        return "\(sign)\(magnitude / scale).\(padding)\(fraction)"
    }
}
