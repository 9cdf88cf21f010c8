/// Parsing and formatting of RFC 3339 timestamps without Foundation's formatters.
///
/// Accepts `2024-06-03T10:00:00Z`, `2024-06-03T10:00:00.123+02:00`, Salesforce's `+0000` (no colon) and a
/// space instead of `T`. A timestamp with no zone is *naive*: it parses only when the caller names the
/// zone's offset (a connector file's `timezone`), never by guessing.
public enum RFC3339 {
    /// Parses a timestamp. `naiveOffsetSeconds` is applied only when the text itself has no zone.
    public static func parse(_ text: some StringProtocol, naiveOffsetSeconds: Int? = nil) -> Timestamp? {
        var result: Timestamp?
        var copy = String(text)
        copy.withUTF8 { bytes in result = parse(bytes: bytes, naiveOffsetSeconds: naiveOffsetSeconds) }
        return result
    }

    /// `parse(_:naiveOffsetSeconds:)` for a `String`, reading its bytes in place (no copy, no generic dispatch).
    public static func parse(_ text: String, naiveOffsetSeconds: Int? = nil) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, naiveOffsetSeconds: naiveOffsetSeconds) }
    }

    /// Whether the text is a date-time without a zone designator (so a caller can explain the refusal).
    public static func isNaive(_ text: some StringProtocol) -> Bool {
        parse(text) == nil && parse(text, naiveOffsetSeconds: 0) != nil
    }

    /// Parses a timestamp from its UTF-8 bytes.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, naiveOffsetSeconds: Int?) -> Timestamp? {
        let count = bytes.count
        guard count >= 19 else { return nil }
        func digits(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= count else { return nil }
            return ASCIIDigits.value(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            hour < 24, minute < 60, second < 61,
            let calendarDay = CalendarDay(year: year, month: month, day: day)
        else { return nil }
        var index = 19
        var milliseconds = 0
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fractionDigits = 0
            while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                if fractionDigits < 3 { milliseconds = milliseconds * 10 + Int(bytes[index] - 48) }
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { return nil }
            for _ in min(fractionDigits, 3)..<3 { milliseconds *= 10 }
        }
        var offsetSeconds: Int
        if index == count {
            guard let naive = naiveOffsetSeconds else { return nil }
            offsetSeconds = naive
        } else if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            guard index + 1 == count else { return nil }
            offsetSeconds = 0
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = count - index - 1
            guard let hours = digits(index + 1, 2) else { return nil }
            let minutes: Int?
            if rest == 5, bytes[index + 3] == UInt8(ascii: ":") {
                minutes = digits(index + 4, 2)
            } else if rest == 4 {
                minutes = digits(index + 3, 2)
            } else if rest == 2 {
                minutes = 0
            } else {
                minutes = nil
            }
            guard let minutes, hours < 24, minutes < 60 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        let seconds =
            calendarDay.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Timestamp(millisecondsSinceEpoch: seconds * 1000 + Int64(milliseconds))
    }

    /// Formats in UTC as `2024-06-03T10:00:00.000+00:00`, or with `Z` when `useZ` is set.
    public static func format(_ timestamp: Timestamp, fractionalSeconds: Bool = true, useZ: Bool = false) -> String {
        let ms = timestamp.millisecondsSinceEpoch
        let day = timestamp.utcDay
        let msOfDay = Int(ms - day.daysSinceEpoch * 86_400_000)
        var text = day.description
        text.reserveCapacity(29)
        text.append("T")
        ASCIIDigits.append(msOfDay / 3_600_000, width: 2, to: &text)
        text.append(":")
        ASCIIDigits.append(msOfDay / 60_000 % 60, width: 2, to: &text)
        text.append(":")
        ASCIIDigits.append(msOfDay / 1000 % 60, width: 2, to: &text)
        if fractionalSeconds {
            text.append(".")
            ASCIIDigits.append(msOfDay % 1000, width: 3, to: &text)
        }
        text.append(useZ ? "Z" : "+00:00")
        return text
    }
}
