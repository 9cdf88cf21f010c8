import RevloopAllocator
import RevloopCore
import Testing

@Suite struct CampaignMatcherTests {
    static let matcher = CampaignMatcher(
        campaigns: [
            "google": [
                .init(name: "Brand search", id: "1001"), .init(name: "Non-brand search", id: "1002"),
                .init(name: "Performance Max", id: "1003"),
            ],
            "linkedin": [.init(name: "urn:li:sponsoredCampaign:3001", id: "3001")],
        ],
        aliases: ["linkedin": ["urn:li:sponsoredCampaign:3001": ["abm-enterprise"]]])

    @Test(arguments: [
        ("google", "1002", "Non-brand search"),  // the id, as a {campaignid} ValueTrack parameter writes it
        ("google", "nonbrand-search", "Non-brand search"),  // the name, without case, spaces or hyphens
        ("google", "BRAND_SEARCH", "Brand search"),
        ("google", " performance max ", "Performance Max"),
        ("linkedin", "ABM-Enterprise", "urn:li:sponsoredCampaign:3001"),  // the alias from revloop.yaml
        ("linkedin", "3001", "urn:li:sponsoredCampaign:3001"),
    ])
    func anOutcomesCampaignFindsItsSpendCampaignByAliasIdThenName(channel: String, name: String, spend: String) {
        #expect(Self.matcher.spendCampaign(channel: channel, campaign: name) == spend)
    }

    @Test func aCampaignMatchesOnlyWithinItsChannelAndOnlyWhatExists() {
        #expect(Self.matcher.spendCampaign(channel: "meta", campaign: "brand-search") == nil)
        #expect(Self.matcher.spendCampaign(channel: "google", campaign: "brand") == nil)
        #expect(Self.matcher.spendCampaign(channel: "google", campaign: "3001") == nil)
    }
}

@Suite struct CampaignCreditTests {
    typealias Fixture = OutcomeAttributionTests

    static func visit(_ contact: ContactID, _ day: Int64, _ campaign: String, channel: String? = "paid_search")
        -> Activity
    {
        Activity(
            contactID: contact, kind: .formSubmit, occurredAt: Fixture.at(day), channel: channel, campaign: campaign)
    }

    static let matcher = CampaignMatcher(campaigns: [
        "google": [.init(name: "Brand search", id: "1001"), .init(name: "Non-brand search", id: "1002")],
        "meta": [.init(name: "Prospecting", id: "2001")],
    ])

    static func attribution(
        _ deals: [Deal], clicks: [ContactID: [ClickID]], activities: [ContactID: [Activity]],
        samePerson: [ContactID: [ContactID]] = [:], contactCampaigns: [ContactID: String] = [:],
        delivered: [DealID: DeliveredValue]? = nil
    ) -> OutcomeAttribution {
        OutcomeAttribution(
            deals: deals, clicks: clicks, samePerson: samePerson, activities: activities,
            contactCampaigns: contactCampaigns, campaigns: matcher, delivered: delivered,
            pipelines: ["p": Fixture.pipeline], currency: .usd, rates: ExchangeRateTable(), period: { _ in "w1" })
    }

    @Test func theVisitNearestBeforeTheClickNamesTheCampaign() {
        let clicks: [ContactID: [ClickID]] = [
            "a": [ClickID(contactID: "a", kind: .gclid, value: "g", clickedAt: Fixture.at(-2))]
        ]
        let activities: [ContactID: [Activity]] = [
            "a": [
                Self.visit("a", -9, "nonbrand-search"), Self.visit("a", -3, "brand-search"),
                // After the click and not the first after it: not the visit that carried it.
                Self.visit("a", -1, "nonbrand-search"),
                // Nearer, but an email visit carries no ad click.
                Self.visit("a", -2, "webinar", channel: "email"),
            ]
        ]
        let result = Self.attribution(
            [Fixture.deal("1", contact: "a", opened: 0, wonOn: nil, amount: 10_000)], clicks: clicks,
            activities: activities)
        #expect(result.campaignPipeline == ["google": ["Brand search": ["w1": 10_000]]])
        #expect(result.campaignFromVisit == 1 && result.campaignUnknown == 0 && result.campaignsWithoutSpend.isEmpty)
    }

    @Test func withNoVisitAtTheClickTheFormFillAfterItByTheOpeningCounts() {
        let clicks: [ContactID: [ClickID]] = [
            "a": [ClickID(contactID: "a", kind: .gclid, value: "g", clickedAt: Fixture.at(-5))]
        ]
        let activities: [ContactID: [Activity]] = [
            // After the deal opened: too late to have brought the click in.
            "a": [Self.visit("a", -2, "nonbrand-search"), Self.visit("a", 3, "brand-search")]
        ]
        let result = Self.attribution(
            [Fixture.deal("1", contact: "a", opened: 0, wonOn: nil, amount: 4_000)], clicks: clicks,
            activities: activities)
        #expect(result.campaignPipeline == ["google": ["Non-brand search": ["w1": 4_000]]])
        #expect(result.campaignFromFormFill == 1 && result.campaignFromVisit == 0)
    }

    @Test func theSamePersonsOtherRecordsCarryTheVisitButAnotherPersonOnTheDealDoesNot() {
        // "a" is on the deal; "a-form" is the same person's record that filled the form and clicked.
        // "b" is a colleague on the same deal: her visits are hers, not the click's.
        let clicks: [ContactID: [ClickID]] = [
            "a-form": [ClickID(contactID: "a-form", kind: .fbclid, value: "f", clickedAt: Fixture.at(-2))]
        ]
        let activities: [ContactID: [Activity]] = [
            "a-form": [Self.visit("a-form", -3, "prospecting", channel: "paid_social")],
            "b": [Self.visit("b", -2, "retargeting", channel: "paid_social")],
        ]
        var deal = Fixture.deal("1", contact: "a", opened: 0, wonOn: nil, amount: 6_000)
        deal.contactIDs.append("b")
        let result = Self.attribution([deal], clicks: clicks, activities: activities, samePerson: ["a": ["a-form"]])
        // "b"'s visit is nearer the click, but "b" is not the person who clicked.
        #expect(result.campaignPipeline == ["meta": ["Prospecting": ["w1": 6_000]]])
        #expect(result.widened == 1 && result.campaignFromVisit == 1)
        // Without the graph, the visit on the person's other record is not found.
        let withoutGraph = Self.attribution(
            [Fixture.deal("1", contact: "a-form", opened: 0, wonOn: nil, amount: 6_000)], clicks: clicks,
            activities: ["a": [Self.visit("a", -3, "prospecting", channel: "paid_social")]])
        #expect(withoutGraph.campaignPipeline == ["meta": [OutcomeAttribution.unattributedCampaign: ["w1": 6_000]]])
        #expect(withoutGraph.campaignUnknown == 1)
    }

    @Test func unknownCampaignsGoToTheUnattributedBucketAndUnmatchedOnesAreCounted() {
        let clicks: [ContactID: [ClickID]] = [
            "a": [ClickID(contactID: "a", kind: .gclid, value: "g", clickedAt: Fixture.at(-1))],
            "b": [ClickID(contactID: "b", kind: .gclid, value: "h", clickedAt: Fixture.at(-1))],
            "c": [ClickID(contactID: "c", kind: .gclid, value: "i", clickedAt: Fixture.at(-1))],
            "d": [ClickID(contactID: "d", kind: .gclid, value: "j", clickedAt: Fixture.at(-1))],
        ]
        let deals = [
            Fixture.deal("1", contact: "a", opened: 0, wonOn: nil, amount: 1_000),
            Fixture.deal("2", contact: "b", opened: 0, wonOn: nil, amount: 2_000),
            Fixture.deal("3", contact: "c", opened: 0, wonOn: nil, amount: 3_000),
            Fixture.deal("4", contact: "d", opened: 0, wonOn: nil, amount: 4_000),
        ]
        let result = Self.attribution(
            deals, clicks: clicks, activities: ["b": [Self.visit("b", -2, "competitor-terms")]],
            contactCampaigns: ["c": "1002"])
        #expect(
            result.campaignPipeline == [
                "google": [
                    OutcomeAttribution.unattributedCampaign: ["w1": 5_000], "competitor-terms": ["w1": 2_000],
                    "Non-brand search": ["w1": 3_000],
                ]
            ])
        #expect(result.pipeline == ["google": ["w1": 10_000]])
        #expect(result.campaignUnknown == 2 && result.campaignFromContact == 1 && result.campaignFromVisit == 1)
        #expect(result.campaignsWithoutSpend == ["google": ["competitor-terms": 1]])
    }
}

@Suite struct DeliveredValueTests {
    static let won: Set<StageID> = ["won"]

    static func entry(
        _ stage: StageID, _ state: LedgerEntry.State, _ value: Int64, at minute: Int64, platform: Platform = .meta,
        heldBefore: Int64? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            key: DedupKey(rawValue: "\(platform.rawValue)-\(stage)"), platform: platform, goal: "g", connector: "crm",
            dealID: "1", stageID: stage, state: state, value: Money(minorUnits: value, currency: .usd),
            updatedAt: Timestamp(millisecondsSinceEpoch: minute * 60_000),
            heldBefore: heldBefore.map { Money(minorUnits: $0, currency: .usd) })
    }

    @Test func theLatestAcceptedValueOfEachGoalCountsARestatementAtItsNewValue() {
        let value = DeliveredValue(
            entries: [
                Self.entry("open", .accepted, 2_000, at: 1), Self.entry("qualified", .restated, 3_500, at: 5),
                Self.entry("won", .accepted, 9_000, at: 9, platform: .googleDataManager),
                Self.entry("won", .restated, 9_500, at: 12, platform: .linkedIn),
            ], wonStages: Self.won)
        #expect(value.pipeline?.minorUnits == 3_500)
        #expect(value.revenue?.minorUnits == 9_500 && value.revenueStage == "won")
    }

    @Test func aRetractionZeroesItsGoalAndAnUndeliveredRestatementKeepsWhatThePlatformHeld() {
        let refunded = DeliveredValue(
            entries: [Self.entry("open", .accepted, 2_000, at: 1), Self.entry("won", .retracted, 9_000, at: 9)],
            wonStages: Self.won)
        #expect(refunded.revenue?.minorUnits == 0 && refunded.pipeline?.minorUnits == 2_000)
        // A restatement to 4,000 still being retried: the platform holds 2,000.
        let retrying = DeliveredValue(
            entries: [Self.entry("open", .retrying, 4_000, at: 3, heldBefore: 2_000)], wonStages: Self.won)
        #expect(retrying.pipeline?.minorUnits == 2_000 && retrying.revenue == nil)
    }

    @Test func aDealNeverDeliveredHasNoValue() {
        let never = DeliveredValue(
            entries: [Self.entry("open", .rejected, 2_000, at: 1), Self.entry("won", .deadLetter, 9_000, at: 2)],
            wonStages: Self.won)
        #expect(never == DeliveredValue() && !never.isDelivered)
        #expect(!DeliveredValue(entries: [], wonStages: Self.won).isDelivered)
    }

    @Test func ledgerValuesReplaceTheCRMsAndUndeliveredDealsFallBackToIt() {
        typealias Fixture = OutcomeAttributionTests
        let clicks: [ContactID: [ClickID]] = [
            "a": [ClickID(contactID: "a", kind: .gclid, value: "g", clickedAt: Fixture.at(-1))]
        ]
        let deals = [
            // Won at 10,000 in the CRM; the platforms were told 9,500 (restated), pipeline 3,000.
            Fixture.deal("restated", contact: "a", opened: 0, wonOn: 8, amount: 10_000),
            // Open at 6,000; the platforms hold a stage-weighted 1,800.
            Fixture.deal("open", contact: "a", opened: 1, wonOn: nil, amount: 6_000),
            // Won, then its closed-won conversion retracted (refunded): worth nothing.
            Fixture.deal("retracted", contact: "a", opened: 2, wonOn: 3, amount: 5_000, lostReason: "refunded"),
            // Held out of every upload: the CRM values it.
            Fixture.deal("held-out", contact: "a", opened: 2, wonOn: 9, amount: 4_000),
        ]
        let usd = { (minor: Int64) in Money(minorUnits: minor, currency: .usd) }
        let delivered: [DealID: DeliveredValue] = [
            "restated": DeliveredValue(pipeline: usd(3_000), revenue: usd(9_500), revenueStage: "won"),
            "open": DeliveredValue(pipeline: usd(1_800)),
            "retracted": DeliveredValue(pipeline: usd(0), revenue: usd(0), revenueStage: "won"),
        ]
        let result = OutcomeAttribution(
            deals: deals, clicks: clicks, delivered: delivered, pipelines: ["p": Fixture.pipeline], currency: .usd,
            rates: ExchangeRateTable(), period: { day in day < Fixture.day.adding(days: 7) ? "w1" : "w2" })
        #expect(result.ledgerValued == 3 && result.crmFallback == 1)
        #expect(result.pipeline == ["google": ["w1": 3_000 + 1_800 + 0 + 4_000]])
        #expect(result.revenue == ["google": ["w2": 9_500 + 4_000]])
        // Cohorts: the delivered revenue, the delivered pipeline value (already an expectation), nothing for
        // the retraction, and the CRM's amount for the held-out deal that was won.
        #expect(result.cohortValue == ["google": ["w1": 9_500 + 1_800 + 0 + 4_000]])
    }
}
