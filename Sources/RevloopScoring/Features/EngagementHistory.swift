public import RevloopCore

/// The engagement recorded before one moment, as the behavioural and source features deal and lead rows
/// share. Only activities strictly before `asOf` are kept: whatever happened at or after the moment of a
/// prediction is unknown to it.
public struct EngagementHistory: Sendable {
    /// The activities strictly before `asOf`, in the order given.
    public let before: [Activity]
    public let asOf: Timestamp

    private static let day: Int64 = 86_400_000

    public init(_ activities: [Activity], asOf: Timestamp) {
        before = activities.filter { $0.occurredAt < asOf }
        self.asOf = asOf
    }

    /// The earliest activity that carries a marketing channel: where the person first came from.
    public var firstSourced: Activity? {
        before.filter { $0.channel != nil }.min { $0.occurredAt < $1.occurredAt }
    }

    /// How many activities of `kinds` fell in [asOf - `days`, asOf - `untilDays`) (all before `asOf - untilDays`
    /// without `days`).
    public func count(_ kinds: Set<ActivityKind>, since days: Int64? = nil, until untilDays: Int64 = 0) -> Int {
        let from = days.map { asOf.adding(milliseconds: -$0 * Self.day) }
        let to = asOf.adding(milliseconds: -untilDays * Self.day)
        return before.reduce(0) { total, activity in
            guard kinds.contains(activity.kind), activity.occurredAt < to else { return total }
            if let from, activity.occurredAt < from { return total }
            return total + 1
        }
    }

    /// Pages viewed in the last 30 days, the deepest content reached, email opens and clicks in the last 14
    /// days and their change from the 14 days before (velocity), and sales-led touches.
    public var behaviour: [String: FeatureValue] {
        var row: [String: FeatureValue] = [:]
        row["pages_viewed_30d"] = .number(Double(count([.pageView], since: 30)))
        let depth = before.compactMap { $0.kind == .pageView ? $0.depth : nil }.max()
        row["content_depth"] = depth.map { .number(Double($0)) } ?? .missing
        let recent = count([.emailOpen, .emailClick], since: 14)
        let previous = count([.emailOpen, .emailClick], since: 28, until: 14)
        row["email_engagements_14d"] = .number(Double(recent))
        row["email_velocity"] = .number(Double(recent - previous))
        row["sales_touches"] = .number(Double(count([.salesTouch])))
        return row
    }

    /// The source features of `activity` (channel, campaign, referrer): missing without a sourced activity;
    /// `(none)` for a campaign or referrer the sourced visit did not have (a direct visit has no referrer,
    /// which is itself worth knowing).
    public static func source(of activity: Activity?) -> [String: FeatureValue] {
        func category(_ text: String?) -> FeatureValue { text.map { .category($0) } ?? .missing }
        return [
            "source_channel": category(activity?.channel),
            "source_campaign": category(activity?.campaign ?? activity.map { _ in "(none)" }),
            "referrer": category(activity?.referrer ?? activity.map { _ in "(none)" }),
        ]
    }

    /// Industry, employee count and revenue band of `company` (missing when unknown).
    public static func firmographics(of company: Company?) -> [String: FeatureValue] {
        [
            "industry": company?.industry.map { .category($0) } ?? .missing,
            "employees": company?.employeeCount.map { .number(Double($0)) } ?? .missing,
            "revenue_band": company?.revenueBand.map { .category($0) } ?? .missing,
        ]
    }
}
