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
    ///
    /// Built on the platform normalizers that the conformance script checks, so what the store keeps
    /// hashes exactly as the platforms will: Meta's form for `email` (also LinkedIn's), Google's for
    /// `googleEmail`, E.164 with and without `+`, names and city as the platforms normalize them.
    public func hash(_ fields: RawFields, only kinds: IdentifierKinds = .all) -> (
        identifiers: [HashedIdentifier], problems: [Problem]
    ) {
        var identifiers: [HashedIdentifier] = []
        var problems: [Problem] = []
        let google = GoogleUserDataNormalizer()
        let meta = MetaUserDataNormalizer()
        func add(
            _ kind: HashedIdentifier.Kind,
            _ result: @autoclosure () -> Result<NormalizedIdentifier, NormalizationRefusal>,
            field: String
        ) {
            guard kinds.contains(IdentifierKinds(kind)) else { return }
            switch result() {
            case .success(let value):
                identifiers.append(HashedIdentifier(kind: kind, sha256Hex: value.sha256Hex))
            case .failure(let refusal):
                if !problems.contains(where: { $0.field == field }) {
                    problems.append(Problem(field: field, reason: refusal.reason))
                }
            }
        }
        if let email = fields.email, !email.trimmingUnicodeWhitespace().isEmpty {
            add(.email, meta.normalize(email, field: .email, region: nil), field: "email")
            add(.googleEmail, google.normalize(email, field: .email, region: nil), field: "email")
        }
        if let phone = fields.phone, !phone.trimmingUnicodeWhitespace().isEmpty {
            let region = fields.countryCode ?? defaultRegion
            add(.phoneE164, google.normalize(phone, field: .phone, region: region), field: "phone")
            add(.phoneDigits, meta.normalize(phone, field: .phone, region: region), field: "phone")
        }
        if let first = fields.firstName, !first.trimmingUnicodeWhitespace().isEmpty {
            add(.firstName, google.normalize(first, field: .firstName, region: nil), field: "first_name")
        }
        if let last = fields.lastName, !last.trimmingUnicodeWhitespace().isEmpty {
            add(.lastName, google.normalize(last, field: .lastName, region: nil), field: "last_name")
        }
        if let city = fields.city, !city.trimmingUnicodeWhitespace().isEmpty {
            add(.city, meta.normalize(city, field: .city, region: nil), field: "city")
        }
        return (identifiers, problems)
    }
}
