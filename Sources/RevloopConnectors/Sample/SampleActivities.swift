internal import Foundation
internal import RevloopCore

/// The engagement rows (`activities.csv`) of one sample deal, with a known relationship to its outcome.
///
/// Each deal gets a hidden buying intent: won deals lean high, lost deals low, open deals in between,
/// with noise. Intent raises page views, how deep they go, email engagement (accelerating towards the
/// end), sales touches, and the odds of referral or organic sources. Meetings are booked at stage
/// advances whatever the outcome, so a model trained on meetings learns activity, not revenue. Firmographics
/// carry no signal in the sample: a model that credits industry here invented it.
///
/// Drawn from a generator of the deal's own (seeded by its index), so adding these rows left every other
/// file of a seed byte for byte as it was.
struct SampleActivities {
    private static let day: Int64 = 86_400_000
    private static let hour: Int64 = 3_600_000
    private static let channels = ["paid_search", "paid_social", "organic", "referral", "email", "direct"]
    private static let campaigns: [String: [String]] = [
        "paid_search": ["nonbrand-search", "brand-search"],
        "paid_social": ["prospecting", "retargeting", "abm-enterprise"],
        "email": ["nurture-q4", "webinar-invite"],
    ]
    private static let referrers: [String: [String]] = [
        "referral": ["g2.com", "capterra.com", "partner.example"], "organic": ["google.com", "bing.com"],
        "paid_social": ["linkedin.com", "facebook.com"],
    ]

    var random: SeededRandomNumberGenerator
    let now: Timestamp

    init(dealIndex: Int, now: Timestamp) {
        random = SeededRandomNumberGenerator(seed: UInt64(dealIndex) &* 0xD1B5_4A32_D192_ED03 ^ 0xAC71_7E5E)
        self.now = now
    }

    /// `outcome` is +1 for won, -1 for lost and 0 for open; `stageEntries` are the times the deal entered
    /// each stage after its first; activity stops at `endsAt` (the close, or now).
    mutating func rows(
        contactIDs: [String], outcome: Int, createdAt: Timestamp, stageEntries: [Timestamp], endsAt: Timestamp
    ) -> [String] {
        guard !contactIDs.isEmpty else { return [] }
        let intent = [-0.6, 0.1, 0.8][outcome + 1] + normal()
        let end = min(endsAt, now.adding(milliseconds: -1))
        let start = createdAt.adding(milliseconds: -30 * Self.day)
        let span = max(Self.hour, end.millisecondsSinceEpoch - start.millisecondsSinceEpoch)
        let weeks = Double(span) / Double(7 * Self.day)
        var rows: [(at: Timestamp, row: String)] = []
        func contact() -> String {
            Int.random(in: 0..<100, using: &random) < 70
                ? contactIDs[0] : contactIDs[Int.random(in: 0..<contactIDs.count, using: &random)]
        }
        func add(_ contact: String, _ kind: ActivityKind, _ at: Timestamp, depth: Int? = nil, source: [String?] = []) {
            guard at < now else { return }
            let fields = [contact, kind.rawValue, RFC3339.format(at, useZ: true), depth.map(String.init) ?? ""]
            rows.append((at, CSVText.row(fields + (source.isEmpty ? ["", "", ""] : source.map { $0 ?? "" }))))
        }
        func time(skew: Double = 1) -> Timestamp {
            // skew < 1 pushes events towards the end of the window (engagement speeding up).
            let u = Foundation.pow(Double.random(in: 0..<1, using: &random), skew)
            return start.adding(milliseconds: Int64(u * Double(span)))
        }

        // The form fill that created the lead, with its source.
        let weights = [
            3.0, 3 * Foundation.exp(-0.4 * intent), 2 * Foundation.exp(0.3 * intent), Foundation.exp(0.7 * intent), 1,
            1,
        ]
        var ticket = Double.random(in: 0..<weights.reduce(0, +), using: &random)
        var channel = "direct"
        for (name, weight) in zip(Self.channels, weights) {
            ticket -= weight
            if ticket < 0 {
                channel = name
                break
            }
        }
        let campaign = Self.campaigns[channel]?.randomElement(using: &random)
        let referrer = Self.referrers[channel]?.randomElement(using: &random)
        let filled = createdAt.adding(milliseconds: -Int64.random(in: Self.hour...3 * Self.day, using: &random))
        add(contactIDs[0], .formSubmit, filled, source: [channel, campaign, referrer])

        let pageViews = min(
            8, Int(weeks * 0.4 * Foundation.exp(0.5 * intent) + Double.random(in: 0..<1, using: &random)))
        let depthWeights = [4.0, 3, 2 * Foundation.exp(0.4 * intent), Foundation.exp(0.9 * intent)]
        for _ in 0..<pageViews {
            var roll = Double.random(in: 0..<depthWeights.reduce(0, +), using: &random)
            var depth = 4
            for (index, weight) in depthWeights.enumerated() {
                roll -= weight
                if roll < 0 {
                    depth = index + 1
                    break
                }
            }
            add(contact(), .pageView, time(), depth: depth)
        }
        let opens = min(6, Int(weeks * 0.35 * Foundation.exp(0.3 * intent) + Double.random(in: 0..<1, using: &random)))
        let clickChance = min(0.8, 0.15 * Foundation.exp(0.5 * intent))
        for _ in 0..<opens {
            let who = contact()
            let at = time(skew: Foundation.exp(-0.5 * intent))
            add(who, .emailOpen, at)
            if Double.random(in: 0..<1, using: &random) < clickChance {
                add(who, .emailClick, at.adding(milliseconds: Int64.random(in: 60_000...Self.hour, using: &random)))
            }
        }
        for entered in stageEntries where Int.random(in: 0..<100, using: &random) < 75 {
            add(
                contact(), .meetingBooked,
                entered.adding(milliseconds: -Int64.random(in: Self.hour...2 * Self.day, using: &random)))
        }
        let touches = min(
            5, Int(weeks * 0.3 * Foundation.exp(0.25 * intent) + Double.random(in: 0..<1, using: &random)))
        for _ in 0..<touches {
            let at = createdAt.adding(
                milliseconds: Int64(
                    Double.random(in: 0..<1, using: &random)
                        * Double(max(Self.hour, end.millisecondsSinceEpoch - createdAt.millisecondsSinceEpoch))))
            add(contact(), .salesTouch, at)
        }
        return rows.sorted { $0.at < $1.at }.map(\.row)
    }

    /// A standard normal draw (Box-Muller).
    private mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let u2 = Double.random(in: 0..<1, using: &random)
        return Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2)
    }
}
