public import RevloopCore

/// Turns a contact's plaintext email, phone and names into the hashed identifiers the store keeps.
///
/// The plaintext lives only in the caller's memory for the length of this call. What cannot be normalized
/// is reported by field name (never by value) and left out.
public struct ContactIdentifierHasher: Sendable {
    /// Region for phone numbers written without a country code when the contact has no country.
    public var defaultRegion: String

    public init(defaultRegion: String) { self.defaultRegion = defaultRegion }

    /// The raw fields of one contact, as an export or API gives them.
    public struct RawFields: Sendable {
        public var email: String?
        public var phone: String?
        public var firstName: String?
        public var lastName: String?
        public var city: String?
        public var countryCode: String?

        public init(
            email: String?, phone: String?, firstName: String?, lastName: String?, city: String?, countryCode: String?
        ) {
            self.email = email
            self.phone = phone
            self.firstName = firstName
            self.lastName = lastName
            self.city = city
            self.countryCode = countryCode
        }
    }

    /// A field that could not be normalized, and why (never the value itself).
    public struct Problem: Sendable, Hashable {
        public var field: String
        public var reason: String
    }

    /// The hashed identifiers of one contact, and the fields that were refused.
    public func hash(_ fields: RawFields) -> (identifiers: [HashedIdentifier], problems: [Problem]) {
        var identifiers: [HashedIdentifier] = []
        var problems: [Problem] = []
        if let email = fields.email, !email.isEmpty {
            if let canonical = EmailNormalizer.canonical(email), let google = EmailNormalizer.google(email) {
                let canonicalHash = SHA256.hex(canonical)
                identifiers.append(HashedIdentifier(kind: .email, sha256Hex: canonicalHash))
                identifiers.append(
                    HashedIdentifier(
                        kind: .googleEmail, sha256Hex: google == canonical ? canonicalHash : SHA256.hex(google)))
            } else {
                problems.append(Problem(field: "email", reason: "not a single local@domain address"))
            }
        }
        if let phone = fields.phone, !phone.isEmpty {
            switch PhoneNormalizer.e164(phone, region: fields.countryCode ?? defaultRegion) {
            case .success(let e164):
                identifiers.append(HashedIdentifier(kind: .phoneE164, sha256Hex: SHA256.hex(e164)))
                identifiers.append(
                    HashedIdentifier(kind: .phoneDigits, sha256Hex: SHA256.hex(String(e164.dropFirst()))))
            case .failure(let refusal):
                problems.append(Problem(field: "phone", reason: refusal.rawValue))
            }
        }
        if let first = fields.firstName.flatMap(NameNormalizer.name) {
            identifiers.append(HashedIdentifier(kind: .firstName, sha256Hex: SHA256.hex(first)))
        }
        if let last = fields.lastName.flatMap(NameNormalizer.name) {
            identifiers.append(HashedIdentifier(kind: .lastName, sha256Hex: SHA256.hex(last)))
        }
        if let city = fields.city.flatMap(NameNormalizer.city) {
            identifiers.append(HashedIdentifier(kind: .city, sha256Hex: SHA256.hex(city)))
        }
        return (identifiers, problems)
    }
}
