internal import RevloopCore

/// Turns Salesforce's activity rows into the activities scoring counts (crms.md 2): an `Event` is a meeting
/// booked, at its `StartDateTime`; a `Task` whose `TaskSubtype` is `Call` or `Email` is a sales touch, at its
/// `CompletedDateTime` (its `CreatedDate` when not completed). Other tasks (to-dos, list emails, cadence
/// steps) are no touch.
///
/// The row's `WhoId` names a contact (`003` key prefix) or a lead (`00Q`): a lead's activity is credited to
/// the contact the lead was converted to (as its click ids are), and an unconverted lead's is left out (a
/// lead has no deals to score). A deleted row (`IsDeleted`, from `queryAll`) is the same activity, for the
/// caller to delete.
struct SalesforceActivityMapper {
    let config: ConnectorConfig

    /// The activity objects read, in pull order, each its own stream.
    static let objects: [(stream: String, object: String)] = [("tasks", "Task"), ("events", "Event")]
    /// Task subtypes that are a rep's touch.
    static let touchSubtypes = ["Call", "Email"]
    static let contactPrefix = "003"
    static let leadPrefix = "00Q"

    /// The fields each object's query selects.
    static func fields(of object: String) -> [String] {
        let common = ["Id", "WhoId", "CreatedDate", "SystemModstamp", "IsDeleted"]
        return object == "Task" ? common + ["TaskSubtype", "CompletedDateTime"] : common + ["StartDateTime"]
    }

    /// The condition each object's query adds (only touches are read of tasks).
    static func filter(of object: String) -> String? {
        guard object == "Task" else { return nil }
        return "TaskSubtype IN (" + touchSubtypes.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    /// The leads a page's rows name, whose converted contacts must be looked up.
    static func leadIDs(_ rows: [SalesforceWire.Record]) -> [String] {
        var seen: Set<String> = []
        return rows.compactMap { row in
            guard let who = row.text("WhoId"), who.hasPrefix(leadPrefix), seen.insert(who).inserted
            else { return nil }
            return who
        }
    }

    /// The activity of one row (deleted or not), with `convertedContacts` (lead id to contact id) for rows
    /// naming a lead.
    func activity(_ row: SalesforceWire.Record, object: String, convertedContacts: [String: String]) -> (
        Activity?, Diagnostic?
    ) {
        guard let who = row.text("WhoId") else { return (nil, nil) }
        let contact: String
        if who.hasPrefix(Self.contactPrefix) {
            contact = who
        } else if who.hasPrefix(Self.leadPrefix), let converted = convertedContacts[who] {
            contact = converted
        } else {
            return (nil, nil)
        }
        let kind: ActivityKind
        let time: Timestamp?
        if object == "Task" {
            guard let subtype = row.text("TaskSubtype"), Self.touchSubtypes.contains(subtype) else { return (nil, nil) }
            kind = .salesTouch
            time =
                SalesforceRecordMapper.time(row.text("CompletedDateTime"))
                ?? SalesforceRecordMapper.time(row.text("CreatedDate"))
        } else {
            kind = .meetingBooked
            time =
                SalesforceRecordMapper.time(row.text("StartDateTime"))
                ?? SalesforceRecordMapper.time(row.text("CreatedDate"))
        }
        guard let time else {
            let field = object == "Task" ? "CompletedDateTime" : "StartDateTime"
            return (
                nil,
                Diagnostic(
                    .warning, "field '\(field)' and 'CreatedDate' are missing or not timestamps; the row is skipped",
                    at: DiagnosticSource(path: "\(config.sourcePath) (\(object))"), record: "\(object) \(row.id)")
            )
        }
        return (Activity(contactID: ContactID(contact), kind: kind, occurredAt: time), nil)
    }
}
