internal import RevloopConnectors
internal import RevloopCore

/// The sample's sales-led activities as a Salesforce org holds them: a booked meeting is an `Event`
/// (`StartDateTime` its time), a sales touch a `Task` with `TaskSubtype` `Call` or `Email` by turns
/// (`CompletedDateTime` its time). Every third one names the contact's converted lead as its `WhoId` (logged
/// before the conversion), so a connector must credit it to the contact the lead became. Besides those, for
/// every fifth deal with any, a call logged by mistake and deleted (`IsDeleted`, seen by `queryAll` only) and
/// a to-do (`TaskSubtype` `Task`), neither of them a touch.
struct SalesforceSampleActivities {
    static let taskPrefix = "00T"
    static let eventPrefix = "00U"

    private(set) var tasks: [SalesforceRecord] = []
    private(set) var events: [SalesforceRecord] = []
    private var logged = 0
    private var deals = 0

    /// The fields of `Task` and `Event`.
    static let schema: [String: Set<String>] = [
        "Task": [
            "Id", "IsDeleted", "CreatedDate", "SystemModstamp", "LastModifiedDate", "WhoId", "WhatId", "Subject",
            "TaskSubtype", "Status", "ActivityDate", "CompletedDateTime",
        ],
        "Event": [
            "Id", "IsDeleted", "CreatedDate", "SystemModstamp", "LastModifiedDate", "WhoId", "WhatId", "Subject",
            "EventSubtype", "StartDateTime", "EndDateTime", "ActivityDateTime", "ActivityDate", "DurationInMinutes",
        ],
    ]

    /// Logs one deal's activities; `contactNumbers` are the sample numbers of the deal's contacts (`ct-5`
    /// is 5), whose contact and lead ids share the number.
    mutating func log(_ activities: [SampleSalesActivity], contactNumbers: Set<Int64>) {
        var first: (Int64, Int64)?
        for activity in activities {
            guard let number = SalesforceSampleDataset.sampleNumber(activity.contactID),
                contactNumbers.contains(number)
            else { continue }
            let at = activity.occurredAt.millisecondsSinceEpoch
            if first == nil { first = (number, at) }
            let prefix =
                logged % 3 == 2 ? SalesforceSampleDataset.leadPrefix : SalesforceSampleDataset.contactPrefix
            let who = SalesforceDataset.id(prefix: prefix, number: number)
            if activity.kind == .meetingBooked {
                event(who: who, at: at)
            } else {
                task(who: who, subtype: logged % 2 == 0 ? "Call" : "Email", at: at)
            }
            logged += 1
        }
        if deals % 5 == 0, let (number, at) = first {
            let who = SalesforceDataset.id(prefix: SalesforceSampleDataset.contactPrefix, number: number)
            // Five minutes after the first touch: a deletion never names a live touch's (contact, kind, time).
            task(who: who, subtype: "Call", at: at + 300_000, isDeleted: true)
            task(who: who, subtype: "Task", at: at)
        }
        deals += 1
    }

    private static func date(_ milliseconds: Int64) -> SalesforceValue {
        .date(String(RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds)).prefix(10)))
    }

    private mutating func task(who: String, subtype: String, at: Int64, isDeleted: Bool = false) {
        // A deletion is the row's last change, a minute after it was logged.
        let modified = isDeleted ? at + 60_000 : at
        tasks.append(
            SalesforceRecord(
                id: SalesforceDataset.id(prefix: Self.taskPrefix, number: Int64(tasks.count + 1)),
                fields: [
                    "WhoId": .string(who), "WhatId": .null,
                    "Subject": .string(subtype == "Task" ? "Follow up" : subtype),
                    "TaskSubtype": .string(subtype), "Status": .string(subtype == "Task" ? "Not Started" : "Completed"),
                    "ActivityDate": Self.date(at), "CompletedDateTime": subtype == "Task" ? .null : .dateTime(at),
                    "CreatedDate": .dateTime(at), "LastModifiedDate": .dateTime(modified),
                    "SystemModstamp": .dateTime(modified), "IsDeleted": .boolean(isDeleted),
                ]))
    }

    private mutating func event(who: String, at: Int64) {
        events.append(
            SalesforceRecord(
                id: SalesforceDataset.id(prefix: Self.eventPrefix, number: Int64(events.count + 1)),
                fields: [
                    "WhoId": .string(who), "WhatId": .null, "Subject": .string("Meeting"),
                    "EventSubtype": .string("Event"), "StartDateTime": .dateTime(at),
                    "EndDateTime": .dateTime(at + 1_800_000), "ActivityDateTime": .dateTime(at),
                    "ActivityDate": Self.date(at), "DurationInMinutes": .number("30"), "CreatedDate": .dateTime(at),
                    "LastModifiedDate": .dateTime(at), "SystemModstamp": .dateTime(at), "IsDeleted": .boolean(false),
                ]))
    }
}
