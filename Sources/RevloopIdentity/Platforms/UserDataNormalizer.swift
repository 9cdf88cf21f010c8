/// One platform's normalization rules for user data (ad-platforms.md, 1.8, 2.3, 3.2 and 5).
///
/// Platforms accept a badly normalized hash silently (it just never matches), so each platform has its
/// own normalizer, and each is checked against the platform's official library by
/// `Scripts/conformance/identity.sh`.
public protocol UserDataNormalizer: Sendable {
    /// The value normalized for `field`, or why it is refused. `region` places national phone numbers.
    func normalize(_ raw: String, field: IdentifierField, region: String?) -> Result<
        NormalizedIdentifier, NormalizationRefusal
    >
}

/// Why a value was refused (never the value itself).
public struct NormalizationRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }

    static let empty = NormalizationRefusal("empty")
}

extension UserDataNormalizer {
    /// Shared first steps: empty values are refused, and a value that is already a lower-case hex
    /// SHA-256 passes through unchanged.
    func prepared(_ raw: String) -> Result<String, NormalizationRefusal>? {
        let trimmed = raw.trimmingUnicodeWhitespace()
        if trimmed.isEmpty { return .failure(.empty) }
        if SHA256.isHexDigest(trimmed) { return nil }
        return .success(trimmed)
    }

    func phoneE164(_ raw: String, region: String?) -> Result<String, NormalizationRefusal> {
        PhoneNormalizer.e164(raw, region: region).mapError { NormalizationRefusal($0.rawValue) }
    }
}

extension String {
    /// Without leading and trailing Unicode white space (what Python's `str.strip()` removes).
    func trimmingUnicodeWhitespace() -> String {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII fast path: Unicode property look-ups cost more than the hash on a million emails.
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
            guard let first = utf8.firstIndex(where: { !isSpace($0) }),
                let last = utf8.lastIndex(where: { !isSpace($0) })
            else { return "" }
            return String(self[first...last])
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether any Unicode white space remains inside.
    var containsUnicodeWhitespace: Bool {
        var sawNonASCII = false
        for byte in utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
            if byte >= 0x80 { sawNonASCII = true }
        }
        return sawNonASCII && unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
