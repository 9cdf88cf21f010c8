import RevloopCore
import RevloopScoring
import Testing

/// Deal features are cut as of a moment: nothing after it counts.
@Suite struct DealFeaturesTests {
    static let day: Int64 = 86_400_000
    static let created = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
    static func at(_ days: Double) -> Timestamp { created.adding(milliseconds: Int64(days * Double(day))) }

    static let pipeline = Pipeline(
        id: "default", label: "Sales",
        stages: [
            PipelineStage(id: "qualified", label: "Qualified", winProbability: 0.4, isClosed: false, isWon: false),
            PipelineStage(id: "proposal", label: "Proposal", winProbability: 0.7, isClosed: false, isWon: false),
            PipelineStage(id: "won", label: "Closed won", winProbability: 1, isClosed: true, isWon: true),
            PipelineStage(id: "lost", label: "Closed lost", winProbability: 0, isClosed: true, isWon: false),
        ])

    static func snapshot(final stage: StageID = "won", lostReason: String? = nil, activities: [Activity])
        -> DealSnapshot
    {
        let history = [
            StageTransition(stageID: "qualified", enteredAt: at(0)),
            StageTransition(stageID: "proposal", enteredAt: at(10)),
            StageTransition(stageID: stage, enteredAt: at(40)),
        ]
        let deal = Deal(
            id: "d-7", pipelineID: "default", stageID: stage, amount: Money(minorUnits: 5_000_000, currency: .usd),
            createdAt: created, updatedAt: at(41), closeDate: nil, companyID: "co-1", contactIDs: ["ct-1"],
            stageHistory: history, amountHistory: [], isDeleted: false, lostReason: lostReason)
        let company = Company(
            id: "co-1", name: "Acme", domain: nil, countryCode: "US", industry: "Software", employeeCount: 480,
            createdAt: created, updatedAt: created, revenueBand: "10M-100M")
        return DealSnapshot(deal: deal, pipeline: pipeline, company: company, activities: activities)
    }

    static func activity(_ kind: ActivityKind, _ days: Double, depth: Int? = nil, channel: String? = nil) -> Activity {
        Activity(
            contactID: "ct-1", kind: kind, occurredAt: at(days), depth: depth, channel: channel,
            campaign: channel == nil ? nil : "q4", referrer: channel == nil ? nil : "g2.com")
    }

    @Test func onlyWhatHappenedBeforeTheCutCountsAndTheStageIsTheStageThen() throws {
        let before = [
            Self.activity(.formSubmit, -1, channel: "referral"), Self.activity(.pageView, 2, depth: 2),
            Self.activity(.pageView, 8, depth: 3), Self.activity(.emailOpen, 9), Self.activity(.emailClick, 9.1),
            Self.activity(.salesTouch, 5), Self.activity(.meetingBooked, 9.5),
        ]
        let after = [
            Self.activity(.pageView, 15, depth: 4), Self.activity(.meetingBooked, 20), Self.activity(.salesTouch, 30),
            Self.activity(.formSubmit, 12, channel: "paid_social"),
        ]
        let cut = Self.at(12)
        let row = DealFeatures.row(of: Self.snapshot(activities: before + after), asOf: cut)
        #expect(row == DealFeatures.row(of: Self.snapshot(activities: before), asOf: cut))
        #expect(row["stage"] == .category("Proposal"))
        #expect(row["deal_age_days"] == .number(12))
        #expect(row["pages_viewed_30d"] == .number(2))
        #expect(row["content_depth"] == .number(3))
        #expect(row["email_engagements_14d"] == .number(2))
        #expect(row["email_velocity"] == .number(2))
        #expect(row["sales_touches"] == .number(1))
        #expect(row["meetings_booked"] == .number(1))
        #expect(row["source_channel"] == .category("referral"))
        #expect(row["industry"] == .category("Software") && row["revenue_band"] == .category("10M-100M"))
        #expect(Set(row.keys) == Set(DealFeatures.names))
    }

    @Test func withoutActivitiesTheBehaviouralFeaturesAreZeroOrMissingNeverInvented() {
        let row = DealFeatures.row(of: Self.snapshot(activities: []), asOf: Self.at(5))
        #expect(row["content_depth"] == .missing && row["source_channel"] == .missing)
        #expect(row["pages_viewed_30d"] == .number(0) && row["meetings_booked"] == .number(0))
    }

    @Test func theLabelIsTheClosedOutcomeAndARefundIsALoss() throws {
        #expect(Self.snapshot(activities: []).closedOutcome == true)
        #expect(Self.snapshot(final: "lost", activities: []).closedOutcome == false)
        #expect(Self.snapshot(lostReason: "refunded", activities: []).closedOutcome == false)
        #expect(Self.snapshot(final: "proposal", activities: []).closedOutcome == nil)
        let cut = try #require(DealFeatures.trainingCut(of: Self.snapshot(activities: [])))
        // The moment one of the open stages was entered (day 0 or day 10), the same each time.
        #expect([Self.at(0), Self.at(10)].contains(cut))
        #expect(cut == DealFeatures.trainingCut(of: Self.snapshot(activities: [Self.activity(.pageView, 1)])))
        #expect(DealFeatures.trainingCut(of: Self.snapshot(final: "proposal", activities: [])) == nil)
    }
}
