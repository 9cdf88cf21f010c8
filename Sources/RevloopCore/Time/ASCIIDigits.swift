/// Fast decimal digit reading and writing for wire formats.
///
/// `String(format:)` and `DateFormatter` are slow on Linux; timestamps and amounts are formatted on hot
/// paths (a million-deal export), so they go through these few loops instead.
package enum ASCIIDigits {
    /// The value of a run of ASCII digits, or `nil` if any byte is not a digit or the run is empty.
    package static func value(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            result = result * 10 + Int(byte - 48)
        }
        return result
    }

    /// Appends `value` (non-negative) left-padded with zeros to `width` digits.
    package static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.utf8.count < width {
            text.append(String(repeating: "0", count: width - digits.utf8.count))
        }
        text.append(digits)
    }
}
