internal import RevloopCore

/// Turns HubSpot's engagement objects (CRM v3 `meetings`, `calls`, `emails`) into the activities scoring
/// counts: a meeting is a meeting booked, a call or an email a rep sent is a sales touch, each credited to
/// every contact the engagement is associated with, at its `hs_timestamp` (when it took place, as HubSpot's
/// engagement APIs define it).
///
/// An email the contact sent (`hs_email_direction` `INCOMING_EMAIL`) or a rep forwarded is no sales touch
/// and is left out. Diagnostics name the object and the property, never a value.
struct HubSpotEngagementMapper {
    let config: ConnectorConfig

    /// The engagement types read, in pull order, each its own stream, with the kind of activity it is.
    static let objectTypes: [(type: String, kind: ActivityKind)] = [
        ("meetings", .meetingBooked), ("calls", .salesTouch), ("emails", .salesTouch),
    ]

    /// The properties a search of `type` asks for.
    static func properties(of type: String) -> [String] {
        ["hs_timestamp", "hs_lastmodifieddate"] + (type == "emails" ? ["hs_email_direction"] : [])
    }

    /// Email directions that are a rep's touch (`EMAIL`: sent from the CRM or logged by a rep).
    static let outgoingEmailDirections: Set<String> = ["EMAIL"]

    /// The activities of one engagement: one per associated contact (none when it has no contact).
    func activities(_ object: HubSpotWire.Object, type: String, kind: ActivityKind, contactIDs: [ContactID])
        -> ([Activity], [Diagnostic])
    {
        if type == "emails", let direction = object.property("hs_email_direction"),
            !Self.outgoingEmailDirections.contains(direction)
        {
            return ([], [])
        }
        guard let at = HubSpotRecordMapper.time(object.property("hs_timestamp")) else {
            let diagnostic = Diagnostic(
                .warning, "property 'hs_timestamp' is missing or not a timestamp; the engagement is skipped",
                at: DiagnosticSource(path: "\(config.sourcePath) (\(type))"), record: "\(type) \(object.id)")
            return ([], [diagnostic])
        }
        return (contactIDs.map { Activity(contactID: $0, kind: kind, occurredAt: at) }, [])
    }
}
