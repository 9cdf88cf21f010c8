/// A field's value ready for a platform: normalized plaintext to hash, or a hash the input already was.
public enum NormalizedIdentifier: Hashable, Sendable {
    /// The value normalized by the platform's rules, ready to hash.
    case normalized(String)
    /// The input was already a 64-character lower-case hex SHA-256: it passes through unchanged.
    case alreadyHashed(String)

    /// The normalized text (the hash itself when the input was a hash).
    public var text: String {
        switch self {
        case .normalized(let text), .alreadyHashed(let text): text
        }
    }

    /// The SHA-256 hex the platform receives.
    public var sha256Hex: String {
        switch self {
        case .normalized(let text): SHA256.hex(text)
        case .alreadyHashed(let hash): hash
        }
    }
}
