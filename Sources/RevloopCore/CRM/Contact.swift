/// A person in the CRM, as the store keeps it: identifiers hashed, never plaintext.
public struct Contact: Hashable, Sendable, Codable {
    public var id: ContactID
    public var companyID: CompanyID?
    /// Hashed email, phone and name identifiers, normalized per the platforms' rules.
    public var identifiers: [HashedIdentifier]
    /// ISO 3166-1 alpha-2 country, upper case (Google's address identifier sends it unhashed).
    public var countryCode: String?
    /// Region or state code (unhashed on Google's address identifier).
    public var region: String?
    /// Postal code (unhashed on Google's address identifier).
    public var postalCode: String?
    public var consent: Consent
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: ContactID, companyID: CompanyID?, identifiers: [HashedIdentifier], countryCode: String?,
        region: String?, postalCode: String?, consent: Consent, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.companyID = companyID
        self.identifiers = identifiers
        self.countryCode = countryCode
        self.region = region
        self.postalCode = postalCode
        self.consent = consent
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
