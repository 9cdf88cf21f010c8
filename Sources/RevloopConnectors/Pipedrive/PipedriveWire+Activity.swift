extension PipedriveWire {
    /// API v2's `ActivityItem` (the fields read): the type's key, the linked person and participants, when it
    /// is due (`due_date` `YYYY-MM-DD`, `due_time` `HH:MM` in UTC, possibly empty) and when it was done.
    struct Activity: Decodable {
        struct Participant: Decodable {
            var personID: Int64?

            enum CodingKeys: String, CodingKey {
                case personID = "person_id"
            }
        }

        var id: Int64
        var type: String?
        var isDeleted: Bool?
        var personID: Int64?
        var participants: [Participant]?
        var dueDate: String?
        var dueTime: String?
        var done: Bool?
        var markedAsDoneTime: String?
        var addTime: String?
        var updateTime: String?

        enum CodingKeys: String, CodingKey {
            case id, type, participants, done
            case isDeleted = "is_deleted"
            case personID = "person_id"
            case dueDate = "due_date"
            case dueTime = "due_time"
            case markedAsDoneTime = "marked_as_done_time"
            case addTime = "add_time"
            case updateTime = "update_time"
        }
    }
}
