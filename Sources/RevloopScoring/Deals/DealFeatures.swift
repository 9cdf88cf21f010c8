public import RevloopCore

/// The features of a deal as of one moment, by name: firmographic (the company), behavioural (its
/// contacts' engagement before the moment) and source (where the lead came from, sales-led touches).
///
/// Only what happened strictly before `asOf` counts, and the stage is the stage at `asOf`: a training row
/// cut at the middle of a closed deal's life sees what a prediction then would have seen.
public enum DealFeatures {
    /// Every feature name, in the order reports list them.
    public static let names = [
        "industry", "employees", "revenue_band", "pipeline", "stage", "deal_age_days", "source_channel",
        "source_campaign", "referrer", "pages_viewed_30d", "content_depth", "email_engagements_14d",
        "email_velocity", "sales_touches", "meetings_booked",
    ]

    /// Names of the features that are categories (the rest are numbers).
    public static let categorical: Set<String> = [
        "industry", "revenue_band", "pipeline", "stage", "source_channel", "source_campaign", "referrer",
    ]

    private static let day: Int64 = 86_400_000

    public static func row(of snapshot: DealSnapshot, asOf: Timestamp) -> [String: FeatureValue] {
        var row: [String: FeatureValue] = [:]
        func category(_ text: String?) -> FeatureValue { text.map { .category($0) } ?? .missing }
        func number(_ value: Int?) -> FeatureValue { value.map { .number(Double($0)) } ?? .missing }
        let company = snapshot.company
        row["industry"] = category(company?.industry)
        row["employees"] = number(company?.employeeCount)
        row["revenue_band"] = category(company?.revenueBand)
        row["pipeline"] = category(snapshot.pipeline?.label ?? snapshot.deal.pipelineID.rawValue)
        let stage = snapshot.stage(at: asOf)
        row["stage"] = category(
            stage.map { id in snapshot.pipeline?.stages.first { $0.id == id }?.label ?? id.rawValue })
        let age = asOf.millisecondsSinceEpoch - snapshot.deal.createdAt.millisecondsSinceEpoch
        row["deal_age_days"] = .number(Double(max(0, age)) / Double(day))

        let before = snapshot.activities.filter { $0.occurredAt < asOf }
        let source = before.filter { $0.channel != nil }.min { $0.occurredAt < $1.occurredAt }
        row["source_channel"] = category(source?.channel)
        row["source_campaign"] = category(source?.campaign ?? source.map { _ in "(none)" })
        row["referrer"] = category(source?.referrer ?? source.map { _ in "(none)" })
        func count(_ kinds: Set<ActivityKind>, since days: Int64? = nil, until untilDays: Int64 = 0) -> Int {
            let from = days.map { asOf.adding(milliseconds: -$0 * day) }
            let to = asOf.adding(milliseconds: -untilDays * day)
            return before.reduce(0) { total, activity in
                guard kinds.contains(activity.kind), activity.occurredAt < to else { return total }
                if let from, activity.occurredAt < from { return total }
                return total + 1
            }
        }
        row["pages_viewed_30d"] = .number(Double(count([.pageView], since: 30)))
        let depth = before.compactMap { $0.kind == .pageView ? $0.depth : nil }.max()
        row["content_depth"] = number(depth)
        let recent = count([.emailOpen, .emailClick], since: 14)
        let previous = count([.emailOpen, .emailClick], since: 28, until: 14)
        row["email_engagements_14d"] = .number(Double(recent))
        row["email_velocity"] = .number(Double(recent - previous))
        row["sales_touches"] = .number(Double(count([.salesTouch])))
        row["meetings_booked"] = .number(Double(count([.meetingBooked])))
        return row
    }

    /// Rows of features as the drift monitor's columns, one per feature name (a feature a row lacks is missing).
    public static func columns(of rows: [[String: FeatureValue]]) -> [FeatureColumn] {
        names.map { name in FeatureColumn(name: name, values: rows.map { $0[name] ?? .missing }) }
    }

    /// Where a closed deal's training row is cut: the moment it entered one of its open stages, chosen by
    /// the deal's id (so retraining on the same data cuts the same rows). A `predicted` goal asks the model
    /// at exactly such moments (a stage entered), so training rows look like the questions; a cut at a share
    /// of the deal's whole life would leak its length, which the outcome decides.
    public static func trainingCut(of snapshot: DealSnapshot) -> Timestamp? {
        guard let closedAt = snapshot.closedAt else { return nil }
        let closed = Set(snapshot.pipeline?.stages.filter(\.isClosed).map(\.id) ?? [])
        let entries = snapshot.deal.stageHistory.filter { $0.enteredAt < closedAt && !closed.contains($0.stageID) }
        guard !entries.isEmpty else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in snapshot.deal.id.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return entries[Int(hash % UInt64(entries.count))].enteredAt
    }
}
