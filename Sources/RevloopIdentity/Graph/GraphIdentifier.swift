/// One identifier in the identity graph, written `type:value` (`cookie:abc`, `email:<sha256>`,
/// `crm:hubspot:123`, `gclid:...`). Emails and phones are hashes, never plaintext.
public struct GraphIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// What kind of identifier it is, which decides how much it may link.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A browser or app instance: weak, shared devices make one cookie speak for two people.
        case cookie
        /// An anonymous visitor id from personalization: weak like a cookie.
        case visitor
        /// A hashed email.
        case email
        /// A hashed phone number.
        case phone
        /// A CRM record, `crm:<connector>:<id>`.
        case crm
        case gclid, gbraid, wbraid, fbclid
        case linkedInFirstPartyID = "li_fat_id"

        /// Identifiers that say who a person is (as opposed to which device they used).
        public var isPersonal: Bool { self == .email || self == .phone || self == .crm }

        /// Identifiers that stand for a device or a visit, the weak links of the graph.
        public var isDevice: Bool { !isPersonal }
    }

    public let kind: Kind
    public let value: String
    /// A stable 64-bit fingerprint (the first 8 bytes of the SHA-256 of `type:value`): the graph's key.
    /// Being cryptographic, a cookie value an attacker chooses cannot be made to collide with a person's email.
    public let fingerprint: UInt64

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
        self.fingerprint = SHA256.prefix64("\(kind.rawValue):\(value)")
    }

    /// Parses `type:value`; `nil` for an unknown type or an empty value.
    public init?(_ text: some StringProtocol) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else {
            return nil
        }
        let value = text[text.index(after: colon)...]
        guard !value.isEmpty else { return nil }
        self.init(kind: kind, value: String(value))
    }

    public var description: String { "\(kind.rawValue):\(value)" }

    /// The CRM connector of a `crm:<connector>:<id>` identifier.
    public var crmConnector: Substring? {
        guard kind == .crm, let colon = value.firstIndex(of: ":") else { return nil }
        return value[..<colon]
    }

    /// FNV-1a, for CRM connector names from the configuration (not attacker-controlled, and hot).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
