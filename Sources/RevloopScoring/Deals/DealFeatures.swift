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
        func category(_ text: String?) -> FeatureValue { text.map { .category($0) } ?? .missing }
        let history = EngagementHistory(snapshot.activities, asOf: asOf)
        var row = EngagementHistory.firmographics(of: snapshot.company)
        row.merge(EngagementHistory.source(of: history.firstSourced)) { _, new in new }
        row.merge(history.behaviour) { _, new in new }
        row["pipeline"] = category(snapshot.pipeline?.label ?? snapshot.deal.pipelineID.rawValue)
        let stage = snapshot.stage(at: asOf)
        row["stage"] = category(
            stage.map { id in snapshot.pipeline?.stages.first { $0.id == id }?.label ?? id.rawValue })
        let age = asOf.millisecondsSinceEpoch - snapshot.deal.createdAt.millisecondsSinceEpoch
        row["deal_age_days"] = .number(Double(max(0, age)) / Double(day))
        row["meetings_booked"] = .number(Double(history.count([.meetingBooked])))
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
