public import RevloopCore

/// Identifiers the platforms take as they are, never hashed, checked for shape only.
public enum PassThroughIdentifiers {
    /// Meta's `lead_id` (a Lead Ads lead, 15 or 16 digits), sent unhashed; `nil` if it is not one.
    public static func metaLeadID(_ raw: String) -> String? {
        let value = raw.trimmingUnicodeWhitespace()
        guard (15...16).contains(value.utf8.count), value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return value
    }

    /// Meta's `external_id` for a CRM contact. The documented choice: the SHA-256 hex of
    /// `crm:<connector>:<contact id>`, the same for every event of that contact on every channel, so Meta
    /// can join a person's events without Revloop revealing its CRM ids.
    public static func metaExternalID(connector: ConnectorName, contact: ContactID) -> String {
        SHA256.hex(IdentityLink.contactSource(connector: connector, contact: contact))
    }

    /// LinkedIn's first-party ads tracking UUID (`li_fat_id`), passed through lower-cased; `nil` if it is
    /// not a UUID.
    public static func linkedInFirstPartyTrackingID(_ raw: String) -> String? {
        let value = raw.trimmingUnicodeWhitespace().lowercased()
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) } })
        else { return nil }
        return value
    }
}
