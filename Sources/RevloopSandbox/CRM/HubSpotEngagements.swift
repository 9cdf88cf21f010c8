internal import RevloopConnectors
internal import RevloopCore

/// The engagement objects the HubSpot emulator serves (CRM v3 `meetings`, `calls` and `emails`), each
/// associated with its contacts as v4 associations read them.
///
/// A meeting's and a call's or email's time is `hs_timestamp` (when it happened, or is scheduled for), as
/// HubSpot's engagement APIs document it; `hs_lastmodifieddate` is when it was last written.
public struct HubSpotEngagements: Sendable {
    /// Records by object type name (`meetings`, `calls`, `emails`), each list in id order.
    public private(set) var objects: [String: [HubSpotRecord]] = [:]
    /// Engagement id to its contacts' ids.
    public private(set) var contacts: [Int64: [Int64]] = [:]

    /// The engagement types served, with HubSpot's object type ids (`0-47` meetings, `0-48` calls, `0-49`
    /// emails).
    static let typeIDs = ["0-47": "meetings", "0-48": "calls", "0-49": "emails"]

    /// The default (`HUBSPOT_DEFINED`) association type of each engagement type to contacts (a deal's is 3).
    static let contactAssociationTypeIDs = ["meetings": 200, "calls": 194, "emails": 198]

    /// Engagement ids start here, so they never look like a deal's or contact's.
    static let firstID: Int64 = 50_000_000_001

    public init() {}

    /// The object type `name` (or its type id) names, when it is an engagement type.
    static func typeName(_ name: String) -> String? {
        typeIDs[name] ?? (typeIDs.values.contains(name) ? name : nil)
    }

    /// The records of an engagement type (`nil` for any other type).
    func records(_ type: String) -> [HubSpotRecord]? {
        Self.typeName(type).map { objects[$0] ?? [] }
    }

    /// Engagements in all.
    public var count: Int { objects.values.reduce(0) { $0 + $1.count } }

    /// Logs one of the sample's sales-led activities against contact `contact`: a meeting for a booked
    /// meeting, and for a sales touch a call or an email by turns (both are what reps log).
    mutating func log(_ activity: SampleSalesActivity, contact: Int64) {
        let id = Self.firstID + Int64(count)
        let at = activity.occurredAt.millisecondsSinceEpoch
        let time = HubSpotRecord.wireTime(at)
        let type: String
        var properties = ["hs_timestamp": time]
        if activity.kind == .meetingBooked {
            type = "meetings"
            properties["hs_meeting_title"] = "Meeting"
            properties["hs_meeting_start_time"] = time
            properties["hs_meeting_end_time"] = HubSpotRecord.wireTime(at + 1_800_000)
            properties["hs_meeting_outcome"] = "SCHEDULED"
        } else if id % 2 == 0 {
            type = "calls"
            properties["hs_call_direction"] = "OUTBOUND"
            properties["hs_call_status"] = "COMPLETED"
        } else {
            type = "emails"
            properties["hs_email_direction"] = "EMAIL"
            properties["hs_email_status"] = "SENT"
        }
        objects[type, default: []].append(
            HubSpotRecord(id: id, properties: properties, createdAt: at, updatedAt: at))
        contacts[id] = [contact]
    }

    /// Logs an inbound email from contact `contact` (the contact's reply, not a rep's touch).
    mutating func logIncomingEmail(contact: Int64, at time: Timestamp) {
        let id = Self.firstID + Int64(count)
        let at = time.millisecondsSinceEpoch
        let properties = ["hs_timestamp": HubSpotRecord.wireTime(at), "hs_email_direction": "INCOMING_EMAIL"]
        objects["emails", default: []].append(
            HubSpotRecord(id: id, properties: properties, createdAt: at, updatedAt: at))
        contacts[id] = [contact]
    }

    /// Moves the engagements of contact `loser` to `survivor` (HubSpot re-associates them on a merge).
    mutating func moveContacts(from loser: Int64, to survivor: Int64) {
        for (id, linked) in contacts where linked.contains(loser) {
            var updated = linked.filter { $0 != loser }
            if !updated.contains(survivor) { updated.append(survivor) }
            contacts[id] = updated
        }
    }
}
