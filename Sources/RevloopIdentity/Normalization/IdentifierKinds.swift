public import RevloopCore

/// A set of hashed-identifier kinds, as bits: which match keys a person's events need, so a plan that
/// reads people straight from an export hashes only those (the store keeps every kind).
public struct IdentifierKinds: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public init(_ kind: HashedIdentifier.Kind) {
        switch kind {
        case .email: self = .email
        case .googleEmail: self = .googleEmail
        case .phoneE164: self = .phoneE164
        case .phoneDigits: self = .phoneDigits
        case .firstName: self = .firstName
        case .lastName: self = .lastName
        case .city: self = .city
        }
    }

    public static let email = IdentifierKinds(rawValue: 1 << 0)
    public static let googleEmail = IdentifierKinds(rawValue: 1 << 1)
    public static let phoneE164 = IdentifierKinds(rawValue: 1 << 2)
    public static let phoneDigits = IdentifierKinds(rawValue: 1 << 3)
    public static let firstName = IdentifierKinds(rawValue: 1 << 4)
    public static let lastName = IdentifierKinds(rawValue: 1 << 5)
    public static let city = IdentifierKinds(rawValue: 1 << 6)
    public static let all: IdentifierKinds = [
        .email, .googleEmail, .phoneE164, .phoneDigits, .firstName, .lastName, .city,
    ]

    /// The kinds `platform`'s renderer sends (and `MatchKey.present` looks at).
    public static func sent(to platform: Platform) -> IdentifierKinds {
        switch platform {
        case .googleDataManager: [.googleEmail, .phoneE164, .firstName, .lastName]
        case .googleAds: [.googleEmail, .phoneE164]
        case .meta: [.email, .phoneDigits, .firstName, .lastName, .city]
        case .linkedIn: [.email]
        }
    }
}
