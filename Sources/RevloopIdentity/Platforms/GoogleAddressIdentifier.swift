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
        let google = GoogleUserDataNormalizer()
        guard let given = contact.identifiers.first(where: { $0.kind == .firstName })?.sha256Hex,
            let family = contact.identifiers.first(where: { $0.kind == .lastName })?.sha256Hex,
            let region = contact.countryCode.flatMap({ try? google.normalize($0, field: .country, region: nil).get() }),
            let postal = contact.postalCode.flatMap({ try? google.normalize($0, field: .zip, region: nil).get() })
        else { return nil }
        return GoogleAddressIdentifier(
            givenNameSHA256: given, familyNameSHA256: family, regionCode: region.text, postalCode: postal.text)
    }
}
