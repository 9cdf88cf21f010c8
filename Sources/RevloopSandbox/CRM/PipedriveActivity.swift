internal import Foundation

/// One activity as the Pipedrive emulator holds it (API v2 `ActivityItem`): its type's key (`call`,
/// `meeting`, `email`, `task`...), the person and deal it is linked to, when it is due and when it was
/// marked done.
public struct PipedriveActivity: Hashable, Sendable {
    public var id: Int64
    public var type: String
    public var subject: String
    public var personID: Int64?
    public var dealID: Int64?
    /// Epoch ms: the due date and time (UTC; the wire splits them into `due_date` and `due_time`).
    public var dueTime: Int64
    public var isDone: Bool
    public var markedAsDoneTime: Int64?
    public var isDeleted: Bool
    public var addTime: Int64
    public var updateTime: Int64

    public init(
        id: Int64, type: String, subject: String, personID: Int64?, dealID: Int64?, dueTime: Int64, isDone: Bool,
        markedAsDoneTime: Int64?, isDeleted: Bool = false, addTime: Int64, updateTime: Int64
    ) {
        self.id = id
        self.type = type
        self.subject = subject
        self.personID = personID
        self.dealID = dealID
        self.dueTime = dueTime
        self.isDone = isDone
        self.markedAsDoneTime = markedAsDoneTime
        self.isDeleted = isDeleted
        self.addTime = addTime
        self.updateTime = updateTime
    }

    /// The activity as API v2 answers it: RFC 3339 times, `due_date` `YYYY-MM-DD` and `due_time` `HH:MM`
    /// (UTC), the person also as the primary participant.
    func json() -> [String: Any] {
        let due = PipedriveDeal.wireTime(dueTime) as? String ?? ""
        let date = String(due.prefix(10))
        let clock = String(due.dropFirst(11).prefix(5))
        return [
            "id": id, "subject": subject, "type": type, "owner_id": 1, "creator_user_id": 1, "is_deleted": isDeleted,
            "add_time": PipedriveDeal.wireTime(addTime), "update_time": PipedriveDeal.wireTime(updateTime),
            "deal_id": dealID.map { $0 as Any } ?? NSNull(), "lead_id": NSNull(),
            "person_id": personID.map { $0 as Any } ?? NSNull(), "org_id": NSNull(), "project_id": NSNull(),
            "due_date": date, "due_time": clock, "duration": "00:30", "busy": type == "meeting", "done": isDone,
            "marked_as_done_time": PipedriveDeal.wireTime(markedAsDoneTime),
            "participants": personID.map { [["person_id": $0, "primary": true]] } ?? [],
            "note": NSNull(), "priority": NSNull(), "public_description": NSNull(),
        ]
    }
}
