/// Who a conversion is about, as the platforms may see them: hashed identifiers, the click ids captured
/// before the conversion, the unhashed address parts Google takes, and consent. Never plaintext.
public struct ConversionPerson: Hashable, Sendable {
    public var contactID: ContactID
    public var identifiers: [HashedIdentifier]
    /// Click ids clicked at or before the conversion, oldest first.
    public var clicks: [ClickID]
    public var countryCode: String?
    public var region: String?
    public var postalCode: String?
    public var consent: Consent

    public init(
        contactID: ContactID, identifiers: [HashedIdentifier], clicks: [ClickID], countryCode: String?,
        region: String?, postalCode: String?, consent: Consent
    ) {
        self.contactID = contactID
        self.identifiers = identifiers
        self.clicks = clicks
        self.countryCode = countryCode
        self.region = region
        self.postalCode = postalCode
        self.consent = consent
    }

    /// The first identifier of `kind`, if any.
    public func identifier(_ kind: HashedIdentifier.Kind) -> String? {
        identifiers.first { $0.kind == kind }?.sha256Hex
    }

    /// The latest click of `kind`, if any.
    public func latestClick(_ kind: ClickIDKind) -> ClickID? {
        clicks.last { $0.kind == kind }
    }
}
