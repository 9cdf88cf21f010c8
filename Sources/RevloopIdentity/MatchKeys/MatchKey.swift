public import RevloopCore

/// A kind of identifier a conversion can carry for the platform to match it to an ad interaction.
/// The plan counts the share of events carrying each (a pre-flight match-rate estimate), and the
/// renderers send exactly these.
public enum MatchKey: String, Hashable, Sendable, CaseIterable, Comparable {
    case gclid, gbraid, wbraid
    case email, phone
    /// Google's address identifier (hashed names with country and postal code).
    case address
    /// Hashed first and last name (Meta `fn` / `ln`).
    case names
    /// Meta's click parameter built from an fbclid.
    case fbc
    /// Meta `external_id` (the CRM contact, hashed).
    case externalID = "external_id"
    /// LinkedIn's first-party tracking id (`li_fat_id`).
    case linkedInTrackingID = "li_fat_id"

    public static func < (lhs: MatchKey, rhs: MatchKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The keys `person` offers `platform`, in the platform's own rules (Google never gets gbraid and
    /// wbraid together; Meta's external_id is sent but is not enough to match on its own).
    public static func present(for person: ConversionPerson, on platform: Platform) -> [MatchKey] {
        var keys: [MatchKey] = []
        switch platform {
        case .googleDataManager, .googleAds:
            let clicks = GoogleAdIdentifiers.select(
                from: person.clicks, conversionTime: Timestamp(millisecondsSinceEpoch: .max))
            if clicks.gclid != nil { keys.append(.gclid) }
            if clicks.gbraid != nil { keys.append(.gbraid) }
            if clicks.wbraid != nil { keys.append(.wbraid) }
            if person.identifier(.googleEmail) != nil { keys.append(.email) }
            if person.identifier(.phoneE164) != nil { keys.append(.phone) }
            if platform == .googleDataManager, GoogleAddressIdentifier.make(for: person) != nil {
                keys.append(.address)
            }
        case .meta:
            if person.identifier(.email) != nil { keys.append(.email) }
            if person.identifier(.phoneDigits) != nil { keys.append(.phone) }
            if person.identifier(.firstName) != nil, person.identifier(.lastName) != nil { keys.append(.names) }
            if person.latestClick(.fbclid) != nil { keys.append(.fbc) }
            keys.append(.externalID)
        case .linkedIn:
            if person.identifier(.email) != nil { keys.append(.email) }
            if person.latestClick(.linkedInFirstPartyID) != nil { keys.append(.linkedInTrackingID) }
        }
        return keys
    }

    /// Whether the keys let the platform match the event at all: names alone and Meta's external_id
    /// alone do not (they only strengthen a match made on something else).
    public static func canMatch(_ keys: [MatchKey]) -> Bool {
        keys.contains { $0 != .externalID && $0 != .names }
    }
}
