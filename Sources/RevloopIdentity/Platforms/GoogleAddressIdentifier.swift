public import RevloopCore

/// The Data Manager `address` user identifier: hashed given and family names, unhashed region (the
/// ISO 3166-1 country code) and postal code (ad-platforms.md 1.13).
public struct GoogleAddressIdentifier: Hashable, Sendable {
    public var givenNameSHA256: String
    public var familyNameSHA256: String
    public var regionCode: String
    public var postalCode: String

    /// The identifier for a stored contact, or `nil` when it lacks any of the four parts (Google needs all).
    public static func make(for contact: Contact) -> GoogleAddressIdentifier? {
        make(identifiers: contact.identifiers, countryCode: contact.countryCode, postalCode: contact.postalCode)
    }

    /// The identifier for the person a conversion is about.
    public static func make(for person: ConversionPerson) -> GoogleAddressIdentifier? {
        make(identifiers: person.identifiers, countryCode: person.countryCode, postalCode: person.postalCode)
    }

    static func make(identifiers: [HashedIdentifier], countryCode: String?, postalCode: String?)
        -> GoogleAddressIdentifier?
    {
        guard let given = identifiers.first(where: { $0.kind == .firstName })?.sha256Hex,
            let family = identifiers.first(where: { $0.kind == .lastName })?.sha256Hex,
            let region = countryCode.flatMap({ normalized($0, .country) }),
            let postal = postalCode.flatMap({ normalized($0, .zip) })
        else { return nil }
        return GoogleAddressIdentifier(
            givenNameSHA256: given, familyNameSHA256: family, regionCode: region, postalCode: postal)
    }

    /// Countries and postal codes repeat across people and events: each is normalized once per process.
    private static let memo = NormalizationMemo()

    private static func normalized(_ raw: String, _ field: IdentifierField) -> String? {
        memo.value(field == .zip ? "z" + raw : "c" + raw) {
            try? GoogleUserDataNormalizer().normalize(raw, field: field, region: nil).get().text
        }
    }
}
