internal import Foundation

/// Parses fixed UTC offsets (`Z`, `UTC`, `+02:00`, `-0500`) into seconds.
///
/// Named zones with daylight saving are deliberately not accepted: an export's naive timestamps shift
/// with DST, and guessing would put conversions an hour off twice a year.
public enum UTCOffset {
    /// The offset in seconds east of UTC, or `nil` if the text is not a fixed offset.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if ["z", "utc", "gmt", "+00:00", "-00:00"].contains(trimmed.lowercased()) { return 0 }
        guard let first = trimmed.first, first == "+" || first == "-" else { return nil }
        let digits = trimmed.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let hours = digits.count == 4 ? value / 100 : value
        let minutes = digits.count == 4 ? value % 100 : 0
        guard hours < 24, minutes < 60 else { return nil }
        return (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
