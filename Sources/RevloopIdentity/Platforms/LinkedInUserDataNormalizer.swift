/// LinkedIn's Conversions API identifiers (ad-platforms.md 3.2): `SHA256_EMAIL` (trimmed, lower-cased),
/// and plaintext `userInfo` names, which a mapping must ask for. LinkedIn takes no phone numbers.
public struct LinkedInUserDataNormalizer: UserDataNormalizer {
    public init() {}

    public func normalize(_ raw: String, field: IdentifierField, region: String?)
        -> Result<NormalizedIdentifier, NormalizationRefusal>
    {
        guard let prepared = prepared(raw) else { return .success(.alreadyHashed(raw.trimmingUnicodeWhitespace())) }
        guard case .success(let value) = prepared else { return prepared.map { .normalized($0) } }
        switch field {
        case .email:
            // Trimmed and lower-cased, nothing removed: the same rule as Meta's.
            return MetaUserDataNormalizer().normalize(value, field: .email, region: nil)
        case .firstName, .lastName, .city, .state:
            // userInfo is sent as written (trimmed); it is never hashed.
            return .success(.normalized(value))
        case .country:
            let upper = value.uppercased()
            guard ISO3166.alpha2.contains(upper) else {
                return .failure(NormalizationRefusal("not an ISO 3166-1 alpha-2 country code"))
            }
            return .success(.normalized(upper))
        case .phone, .zip:
            return .failure(NormalizationRefusal("LinkedIn does not match on \(field.rawValue)"))
        }
    }
}
