internal import Foundation
internal import RevloopConnectors
internal import RevloopCore

/// The sample's sales-led activities as Pipedrive holds them: a booked meeting is a done `meeting`, a sales
/// touch a done `call` or `email` by turns, linked to the person and the deal, due and marked done at the
/// moment it happened. Besides those, for every fifth deal with any, a deleted call (`is_deleted`) and a
/// `task` (a to-do, no touch).
struct PipedriveSampleActivities {
    private(set) var activities: [PipedriveActivity] = []
    private var touches = 0
    private var deals = 0

    /// Logs one deal's activities; `personIDs` are the deal's persons (`ct-5` is person 5), `dealLine` its
    /// `deals.jsonl` line.
    mutating func log(_ sample: [SampleSalesActivity], personIDs: Set<Int64>, dealLine: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(dealLine.utf8))) as? [String: Any]
        let dealID = (object?["deal_id"] as? String).flatMap(HubSpotSampleDataset.numericID)
        var first: (person: Int64, at: Int64)?
        for activity in sample {
            guard let person = HubSpotSampleDataset.numericID(activity.contactID), personIDs.contains(person) else {
                continue
            }
            let at = activity.occurredAt.millisecondsSinceEpoch
            if first == nil { first = (person, at) }
            let type: String
            if activity.kind == .meetingBooked {
                type = "meeting"
            } else {
                type = touches % 2 == 0 ? "call" : "email"
                touches += 1
            }
            add(type: type, person: person, deal: dealID, at: at)
        }
        if deals % 5 == 0, let first {
            // Five minutes after the first touch: a deletion never names a live touch's (contact, kind, time).
            add(type: "call", person: first.person, deal: dealID, at: first.at + 300_000, isDeleted: true)
            add(type: "task", person: first.person, deal: dealID, at: first.at)
        }
        deals += 1
    }

    private mutating func add(type: String, person: Int64, deal: Int64?, at: Int64, isDeleted: Bool = false) {
        activities.append(
            PipedriveActivity(
                id: Int64(activities.count + 1), type: type, subject: type.capitalized, personID: person, dealID: deal,
                dueTime: at, isDone: type != "task", markedAsDoneTime: type == "task" ? nil : at,
                isDeleted: isDeleted, addTime: at, updateTime: isDeleted ? at + 60_000 : at))
    }
}
