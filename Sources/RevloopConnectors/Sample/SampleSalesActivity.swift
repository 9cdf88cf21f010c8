public import RevloopCore

/// One sales-led activity of the sample (a `sales_touch` or `meeting_booked` row of `activities.csv`): what a
/// CRM holds as a logged call, email or meeting, so the CRM emulators serve the same touches the file export
/// carries. Page views, email opens and form fills are a web-analytics or marketing tool's, not the CRM's
/// activity objects, and are left out.
public struct SampleSalesActivity: Hashable, Sendable {
    /// The sample's contact id (`ct-5`).
    public var contactID: String
    /// `.salesTouch` or `.meetingBooked`.
    public var kind: ActivityKind
    public var occurredAt: Timestamp

    public init(contactID: String, kind: ActivityKind, occurredAt: Timestamp) {
        self.contactID = contactID
        self.kind = kind
        self.occurredAt = occurredAt
    }

    /// The kinds a CRM's activity objects carry.
    public static let kinds: Set<ActivityKind> = [.salesTouch, .meetingBooked]
}

extension SampleDealRows {
    /// The deal's sales-led activities, in the order `activities.csv` holds them (by time).
    public var salesLedActivities: [SampleSalesActivity] {
        activities.compactMap { row in
            let fields = Self.fields(row)
            guard fields.count >= 3, let kind = ActivityKind(rawValue: fields[1]),
                SampleSalesActivity.kinds.contains(kind), let at = RFC3339.parse(fields[2])
            else { return nil }
            return SampleSalesActivity(contactID: fields[0], kind: kind, occurredAt: at)
        }
    }
}
