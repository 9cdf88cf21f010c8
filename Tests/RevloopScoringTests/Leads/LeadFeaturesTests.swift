import RevloopCore
import RevloopScoring
import Testing

/// A lead is a person cut at the moment they became one; nothing after it counts, and only closed revenue
/// labels it.
@Suite struct LeadFeaturesTests {
    static let day: Int64 = 86_400_000
    static let start = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
    static func at(_ days: Double) -> Timestamp { start.adding(milliseconds: Int64(days * Double(day))) }

    static let pipeline = DealFeaturesTests.pipeline

    static func contact(_ id: ContactID, created days: Double) -> Contact {
        Contact(
            id: id, companyID: "co-1", identifiers: [], countryCode: "US", region: nil, postalCode: nil,
            consent: .unknown, createdAt: at(days), updatedAt: at(days))
    }

    static func activity(
        _ kind: ActivityKind, _ days: Double, contact: ContactID = "ct-1", depth: Int? = nil, channel: String? = nil
    ) -> Activity {
        Activity(
            contactID: contact, kind: kind, occurredAt: at(days), depth: depth, channel: channel,
            campaign: channel == nil ? nil : "webinar", referrer: channel == "referral" ? "g2.com" : nil)
    }

    /// A deal ending in `stage` at day `closed` (an open stage leaves it open).
    static func deal(
        _ id: DealID, _ stage: StageID, closed days: Double = 60, isDeleted: Bool = false,
        lostReason: String? = nil
    ) -> DealSnapshot {
        let deal = Deal(
            id: id, pipelineID: "default", stageID: stage, amount: Money(minorUnits: 100_000, currency: .usd),
            createdAt: at(20), updatedAt: at(days), closeDate: nil, companyID: "co-1", contactIDs: ["ct-1"],
            stageHistory: [
                StageTransition(stageID: "qualified", enteredAt: at(20)),
                StageTransition(stageID: stage, enteredAt: at(days)),
            ], amountHistory: [], isDeleted: isDeleted, lostReason: lostReason)
        return DealSnapshot(deal: deal, pipeline: pipeline, company: nil, activities: [])
    }

    static let company = Company(
        id: "co-1", name: "Acme", domain: nil, countryCode: "US", industry: "Software", employeeCount: 480,
        createdAt: at(-400), updatedAt: at(-400), revenueBand: "10M-100M")

    static func lead(
        contacts: [Contact] = [contact("ct-1", created: 0)], activities: [Activity], deals: [DealSnapshot] = []
    ) -> LeadSnapshot {
        LeadSnapshot(personID: "p-1", contacts: contacts, company: company, activities: activities, deals: deals)
    }

    static let before = [
        activity(.pageView, -20, depth: 2), activity(.pageView, -3, depth: 3), activity(.pageView, -40, depth: 4),
        activity(.emailOpen, -5), activity(.emailClick, -4.9), activity(.emailOpen, -20),
        activity(.pageView, -10, channel: "organic"),
    ]

    @Test func theCutIsTheFirstFormSubmitAcrossThePersonsRecordsElseTheFirstRecordsCreation() {
        let submits = [
            Self.activity(.formSubmit, 3, channel: "paid_search"),
            Self.activity(.formSubmit, 1, contact: "ct-2", channel: "referral"),
        ]
        let contacts = [Self.contact("ct-1", created: 2), Self.contact("ct-2", created: -1)]
        #expect(Self.lead(contacts: contacts, activities: submits).becameLeadAt == Self.at(1))
        #expect(Self.lead(contacts: contacts, activities: Self.before).becameLeadAt == Self.at(-1))
        #expect(Self.lead(contacts: [], activities: []).becameLeadAt == nil)
    }

    @Test func nothingAtOrAfterTheCutChangesTheRowButTheConvertingFormsSource() throws {
        let conversion = Self.activity(.formSubmit, 0, channel: "referral")
        let after = [
            Self.activity(.pageView, 0, depth: 4), Self.activity(.pageView, 2, depth: 4),
            Self.activity(.emailOpen, 1), Self.activity(.emailClick, 1.1), Self.activity(.salesTouch, 3),
            Self.activity(.meetingBooked, 4), Self.activity(.formSubmit, 5, channel: "paid_social"),
        ]
        let lead = Self.lead(activities: Self.before + [conversion])
        let cut = try #require(lead.becameLeadAt)
        #expect(cut == Self.at(0))
        let row = LeadFeatures.row(of: lead, asOf: cut)
        // Leakage: what happened at the cut (but the conversion itself) or after it changes nothing, nor does a
        // closed deal.
        let later = Self.lead(activities: Self.before + [conversion] + after, deals: [Self.deal("d-1", "won")])
        #expect(later.becameLeadAt == cut)
        #expect(LeadFeatures.row(of: later, asOf: cut) == row)
        #expect(Set(row.keys) == Set(LeadFeatures.names))
        #expect(row["industry"] == .category("Software") && row["employees"] == .number(480))
        #expect(row["revenue_band"] == .category("10M-100M"))
        #expect(row["source_channel"] == .category("referral"))
        #expect(row["source_campaign"] == .category("webinar") && row["referrer"] == .category("g2.com"))
        #expect(row["pages_viewed_30d"] == .number(3))
        #expect(row["content_depth"] == .number(4))
        #expect(row["email_engagements_14d"] == .number(2))
        #expect(row["email_velocity"] == .number(1))
        #expect(row["sales_touches"] == .number(0))
    }

    @Test func withoutAFormTheSourceIsTheFirstSourcedVisitBeforeTheCut() {
        let lead = Self.lead(activities: Self.before)
        let row = LeadFeatures.row(of: lead, asOf: Self.at(0))
        #expect(row["source_channel"] == .category("organic"))
        #expect(row["referrer"] == .category("(none)"))
        let silent = LeadFeatures.row(of: Self.lead(activities: []), asOf: Self.at(0))
        #expect(silent["source_channel"] == .missing && silent["content_depth"] == .missing)
        #expect(silent["pages_viewed_30d"] == .number(0))
    }

    @Test(arguments: [
        // Any won deal wins, whatever the others are.
        (["won", "lost", "qualified"], LeadOutcome.won(at: at(60))),
        // Every deal closed lost: lost, at the last close (a refund is a loss).
        (["lost", "lost"], LeadOutcome.lost(at: at(70))),
        (["refunded"], LeadOutcome.lost(at: at(60))),
        // An open deal and no win: not an outcome yet.
        (["lost", "qualified"], LeadOutcome.censored(.openDeal)),
        ([], LeadOutcome.censored(.noDeal)),
        (["deleted-won"], LeadOutcome.censored(.noDeal)),
    ])
    func onlyClosedRevenueLabelsALead(stages: [String], expected: LeadOutcome) {
        let deals = stages.enumerated().map { index, stage in
            switch stage {
            case "refunded": Self.deal(DealID("d-\(index)"), "won", lostReason: "refunded")
            case "deleted-won": Self.deal(DealID("d-\(index)"), "won", isDeleted: true)
            default: Self.deal(DealID("d-\(index)"), StageID(stage), closed: 60 + 10 * Double(index))
            }
        }
        let outcome = Self.lead(activities: [], deals: deals).outcome
        #expect(outcome == expected)
        #expect(outcome.label == expected.label)
    }

    @Test func meetingsAndActivityNeverLabelALead() {
        let busy = Self.lead(
            activities: Self.before + [Self.activity(.meetingBooked, 5), Self.activity(.meetingBooked, 9)],
            deals: [Self.deal("d-1", "proposal")])
        #expect(busy.outcome == .censored(.openDeal) && busy.outcome.label == nil && busy.outcome.decidedAt == nil)
    }

    @Test func columnsFollowTheFeatureNames() {
        let rows = [LeadFeatures.row(of: Self.lead(activities: Self.before), asOf: Self.at(0)), [:]]
        let columns = LeadFeatures.columns(of: rows)
        #expect(columns.map(\.name) == LeadFeatures.names)
        #expect(columns.allSatisfy { $0.values.count == 2 && $0.values[1] == .missing })
    }
}
