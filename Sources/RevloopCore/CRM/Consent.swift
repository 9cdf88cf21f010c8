/// What a contact agreed to, as the CRM records it.
public struct Consent: Hashable, Sendable, Codable {
    /// Google's `ad_user_data`: may the contact's data be sent to Google for advertising.
    public var adUserData: ConsentState
    /// Google's `ad_personalization`.
    public var adPersonalization: ConsentState
    /// Meta's Limited Data Use applies to this contact (for example a US state privacy law).
    public var limitedDataUse: Bool

    public init(adUserData: ConsentState, adPersonalization: ConsentState, limitedDataUse: Bool) {
        self.adUserData = adUserData
        self.adPersonalization = adPersonalization
        self.limitedDataUse = limitedDataUse
    }

    /// Nothing known: both Google signals unknown, no Limited Data Use.
    public static let unknown = Consent(adUserData: .unknown, adPersonalization: .unknown, limitedDataUse: false)
}
