internal import RevloopCore

/// Turns Pipedrive's activities (API v2) into the activities scoring counts: a `meeting` is a meeting booked,
/// a `call` or an `email` a sales touch; other types (`task`, `deadline`, `lunch`, custom ones) are left out.
/// Each is credited to its person and its other participants; a deleted one (`is_deleted`) is returned as
/// such, for the caller to delete.
///
/// Its time is when it was marked done, for a done activity; else when it is due (`due_date` and `due_time`,
/// UTC, midnight when no time is set); else when it was added.
struct PipedriveActivityMapper {
    let config: ConnectorConfig

    /// Activity type keys and the kind each is.
    static let kinds: [String: ActivityKind] = ["meeting": .meetingBooked, "call": .salesTouch, "email": .salesTouch]

    /// The activities of one Pipedrive activity: one per person linked to it.
    func activities(_ wire: PipedriveWire.Activity, stream: String) -> ([Activity], Diagnostic?) {
        guard let type = wire.type, let kind = Self.kinds[type] else { return ([], nil) }
        var people: [Int64] = []
        for person in [wire.personID] + (wire.participants ?? []).map(\.personID) {
            if let person, !people.contains(person) { people.append(person) }
        }
        guard let at = Self.time(wire) else {
            return (
                [],
                Diagnostic(
                    .warning,
                    "fields 'marked_as_done_time', 'due_date' and 'add_time' are missing or not times; the activity is skipped",
                    at: DiagnosticSource(path: "\(config.sourcePath) (\(stream))"), record: "activity \(wire.id)")
            )
        }
        return (people.map { Activity(contactID: ContactID(String($0)), kind: kind, occurredAt: at) }, nil)
    }

    static func time(_ wire: PipedriveWire.Activity) -> Timestamp? {
        if wire.done == true, let text = wire.markedAsDoneTime, let done = RFC3339.parse(text) { return done }
        if let date = wire.dueDate, date.count == 10 {
            var clock = wire.dueTime ?? ""
            if clock.isEmpty { clock = "00:00" }
            if clock.count == 5 { clock += ":00" }
            if let due = RFC3339.parse("\(date)T\(clock)Z") { return due }
        }
        return wire.addTime.flatMap { RFC3339.parse($0) }
    }
}
