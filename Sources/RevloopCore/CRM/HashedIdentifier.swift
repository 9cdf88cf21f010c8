/// One hashed match key of a contact: its kind (which normalization produced it) and its SHA-256 hex.
public struct HashedIdentifier: Hashable, Sendable, Codable {
    /// Which value, normalized by which platform's rule, was hashed.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Email trimmed and lower-cased (Meta, LinkedIn).
        case email = "email_sha256"
        /// Email as Google normalizes it (gmail.com / googlemail.com: dots and `+suffix` removed).
        case googleEmail = "email_google_sha256"
        /// Phone in E.164 with the leading `+` (Google).
        case phoneE164 = "phone_e164_sha256"
        /// Phone as digits with country code and no `+` (Meta).
        case phoneDigits = "phone_digits_sha256"
        /// Given name, trimmed and lower-cased.
        case firstName = "first_name_sha256"
        /// Family name, trimmed and lower-cased.
        case lastName = "last_name_sha256"
        /// City, lower-cased with spaces and punctuation removed (Meta's `ct`).
        case city = "city_sha256"
    }

    public var kind: Kind
    /// 64 lower-case hex characters.
    public var sha256Hex: String

    public init(kind: Kind, sha256Hex: String) {
        self.kind = kind
        self.sha256Hex = sha256Hex
    }

    /// A short, non-reversible fingerprint for logs and reports: the first 8 hex characters.
    public var fingerprint: String { String(sha256Hex.prefix(8)) }
}
