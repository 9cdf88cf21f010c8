public import RevloopCore

/// Decides whether a contact's data may go to a platform, from the contact's consent and the mapping's
/// rule for unknown consent. An event that may not be sent is skipped and counted with its reason.
public struct ConsentPolicy: Hashable, Sendable {
    /// What unknown consent means.
    public enum Unknown: String, Hashable, Sendable, CaseIterable {
        /// Treat unknown as granted (the account's legal basis does not depend on per-person consent).
        case send
        /// Treat unknown as denied.
        case skip
    }

    /// The decision for one contact and platform.
    public enum Decision: Hashable, Sendable {
        /// Send; for Meta with Limited Data Use, flag the event (`data_processing_options: ["LDU"]`).
        case send(limitedDataUse: Bool)
        /// Do not send, with the reason it is counted under.
        case skip(reason: String)
    }

    public var unknown: Unknown

    public init(unknown: Unknown) { self.unknown = unknown }

    /// The decision for `consent` on `platform`.
    ///
    /// `ad_user_data` governs every platform (a person who refused ad use of their data is not sent
    /// anywhere); Google also receives both signals in the event. Limited Data Use only flags Meta events.
    public func decide(_ consent: Consent, for platform: Platform) -> Decision {
        switch consent.adUserData {
        case .denied:
            return .skip(reason: "consent denied (ad_user_data)")
        case .unknown where unknown == .skip:
            return .skip(reason: "consent unknown (ad_user_data) and the mapping skips unknown consent")
        case .granted, .unknown:
            return .send(limitedDataUse: platform == .meta && consent.limitedDataUse)
        }
    }
}
