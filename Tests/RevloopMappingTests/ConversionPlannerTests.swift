import RevloopCore
import RevloopIdentity
import RevloopMapping
import RevloopTesting
import Testing

@Suite struct ConversionPlannerTests {
    static func goals(holdout: Double = 0) throws -> [ConversionGoal] {
        try ["google", "meta", "linkedin"].map { name in
            let mapping = try #require(PlanFixtures.mapping(name))
            return ConversionGoal(
                mapping: mapping, platform: try #require(PlanFixtures.destinations[name]).platform,
                projectHoldoutShare: holdout,
                holdoutSalt: "test")
        }
    }

    static func context(_ deal: Deal, contacts: [Contact] = [PlanFixtures.contact()]) -> DealContext {
        DealContext(
            connector: PlanFixtures.connector, crmName: "HubSpot", deal: deal, pipeline: PlanFixtures.pipeline,
            contacts: contacts, clicks: ["ct-1": PlanFixtures.clicks()])
    }

    static func planner(rates: ExchangeRateTable = ExchangeRateTable()) throws -> ConversionPlanner {
        ConversionPlanner(goals: try goals(), rates: rates, asOf: PlanFixtures.asOf)
    }

    /// What the ledger holds after every sending operation was accepted.
    static func accepted(_ operations: [PlannedOperation], into ledger: inout [DedupKey: LedgerEntry]) {
        for operation in operations {
            guard let event = operation.event else { continue }
            var state = LedgerEntry.State.accepted
            if case .restate = operation.action { state = .restated }
            if case .retract = operation.action { state = .retracted }
            ledger[operation.key] = LedgerEntry(
                key: operation.key, platform: operation.platform, goal: operation.goal, connector: event.connector,
                dealID: operation.dealID, stageID: operation.stageID, state: state, value: event.value,
                updatedAt: PlanFixtures.asOf)
        }
    }

    static func actions(_ operations: [PlannedOperation], _ goal: String) -> [String] {
        operations.filter { $0.goal == goal }.map { operation in
            if case .skip(let reason) = operation.action { return "skip:\(reason.code)" }
            return operation.actionCode
        }
    }

    @Test func aWonDealUploadsEachGoalsStagesWithTheirValues() throws {
        let deal = PlanFixtures.deal(stages: [("qualified", 5), ("proposal", 3), ("won", 1)])
        let operations = try Self.planner().plan(Self.context(deal)) { _ in nil }
        #expect(Self.actions(operations, "google-won") == ["upload"])
        #expect(Self.actions(operations, "meta-stages") == ["upload", "upload", "upload"])
        #expect(Self.actions(operations, "linkedin-stages") == ["upload", "upload"])
        let values = operations.compactMap { $0.event.map { "\($0.goal)/\($0.stageID)=\($0.value.minorUnits)" } }
        #expect(
            values == [
                "google-won/won=1000000", "meta-stages/qualified=400000", "meta-stages/proposal=700000",
                "meta-stages/won=1000000",
                // The file's table overrides the CRM's probability for proposal (0.5, not 0.7).
                "linkedin-stages/proposal=500000", "linkedin-stages/won=1000000",
            ])
    }

    @Test func anAmountChangedAfterUploadRestatesGoogleOnceAndNeverResendsMetaOrLinkedIn() throws {
        let planner = try Self.planner()
        var ledger: [DedupKey: LedgerEntry] = [:]
        let first = planner.plan(Self.context(PlanFixtures.deal(stages: [("proposal", 3), ("won", 1)]))) { _ in nil }
        Self.accepted(first, into: &ledger)

        let bigger = PlanFixtures.deal(stages: [("proposal", 3), ("won", 1)], amount: 1_250_000)
        let second = planner.plan(Self.context(bigger)) { ledger[$0] }
        #expect(Self.actions(second, "google-won") == ["restate"])
        let restatement = try #require(second.first { $0.goal == "google-won" })
        #expect(restatement.event?.value.minorUnits == 1_250_000)
        #expect(restatement.action == .restate(previous: Money(minorUnits: 1_000_000, currency: .usd)))
        #expect(restatement.key == first.first { $0.goal == "google-won" }?.key)
        #expect(Self.actions(second, "meta-stages") == ["cannot_adjust", "cannot_adjust"])
        #expect(Self.actions(second, "linkedin-stages") == ["cannot_adjust", "cannot_adjust"])
        #expect(second.filter(\.sends).count == 1)

        Self.accepted(second, into: &ledger)
        let third = planner.plan(Self.context(bigger)) { ledger[$0] }
        #expect(third.filter(\.sends).isEmpty)
        #expect(Self.actions(third, "google-won") == ["skip:already_sent"])
    }

    @Test func aWonThenLostDealRetractsGoogleOnce() throws {
        let planner = try Self.planner()
        var ledger: [DedupKey: LedgerEntry] = [:]
        let won = planner.plan(Self.context(PlanFixtures.deal(stages: [("proposal", 3), ("won", 2)]))) { _ in nil }
        Self.accepted(won, into: &ledger)

        let lost = PlanFixtures.deal(stages: [("proposal", 3), ("won", 2), ("lost", 1)])
        let second = planner.plan(Self.context(lost)) { ledger[$0] }
        #expect(Self.actions(second, "google-won") == ["retract"])
        #expect(second.first { $0.goal == "google-won" }?.event?.value.minorUnits == 0)
        #expect(Self.actions(second, "linkedin-stages") == ["skip:already_sent", "cannot_adjust"])
        #expect(second.filter(\.sends).count == 1)

        Self.accepted(second, into: &ledger)
        let third = planner.plan(Self.context(lost)) { ledger[$0] }
        #expect(Self.actions(third, "google-won") == ["skip:already_sent"])
        #expect(third.filter(\.sends).isEmpty)
    }

    @Test func aRefundOrADeleteAlsoRetractsAndAnUnsentReversedWinIsNeverSent() throws {
        let planner = try Self.planner()
        var ledger: [DedupKey: LedgerEntry] = [:]
        Self.accepted(planner.plan(Self.context(PlanFixtures.deal(stages: [("won", 2)]))) { _ in nil }, into: &ledger)
        let refunded = PlanFixtures.deal(stages: [("won", 2)], lostReason: "refunded")
        #expect(Self.actions(planner.plan(Self.context(refunded)) { ledger[$0] }, "google-won") == ["retract"])
        let deleted = PlanFixtures.deal(stages: [("won", 2)], deleted: true)
        #expect(Self.actions(planner.plan(Self.context(deleted)) { ledger[$0] }, "google-won") == ["retract"])

        let neverSent = PlanFixtures.deal("d-2", stages: [("won", 2), ("lost", 1)])
        #expect(
            Self.actions(planner.plan(Self.context(neverSent)) { _ in nil }, "google-won") == ["skip:no_longer_won"])
    }

    @Test func aStageRegressionDoesNotFireTheStageAgain() throws {
        let deal = PlanFixtures.deal(stages: [("qualified", 6), ("proposal", 5), ("qualified", 4), ("proposal", 3)])
        let operations = try Self.planner().plan(Self.context(deal)) { _ in nil }
        #expect(operations.filter { $0.goal == "meta-stages" }.map(\.stageID) == ["qualified", "proposal"])
        #expect(operations.first { $0.stageID == "proposal" }?.occurredAt == PlanFixtures.daysAgo(5))
    }

    @Test func skipsNameTheirReason() throws {
        let planner = try Self.planner()
        func google(_ deal: Deal, _ contacts: [Contact] = [PlanFixtures.contact()]) -> [String] {
            Self.actions(planner.plan(Self.context(deal, contacts: contacts)) { _ in nil }, "google-won")
        }
        #expect(google(PlanFixtures.deal(stages: [("won", 91)])) == ["skip:outside_window"])
        #expect(google(PlanFixtures.deal(stages: [("won", -1)])) == ["skip:in_the_future"])
        #expect(google(PlanFixtures.deal(stages: [("won", 1)], amount: nil)) == ["skip:no_amount"])
        #expect(
            google(PlanFixtures.deal(stages: [("won", 1)], currency: CurrencyCode("EUR")!)) == ["skip:no_exchange_rate"]
        )
        #expect(google(PlanFixtures.deal(stages: [("won", 1)]), []) == ["skip:no_contact"])
        #expect(
            google(PlanFixtures.deal(stages: [("won", 1)]), [PlanFixtures.contact(consent: .denied)]) == [
                "skip:consent_denied"
            ])
        #expect(
            google(PlanFixtures.deal(stages: [("won", 1)]), [PlanFixtures.contact(consent: .unknown)]) == [
                "skip:consent_unknown"
            ])
        var bare = PlanFixtures.contact("ct-9")
        bare.identifiers = []
        #expect(google(PlanFixtures.deal(stages: [("won", 1)]), [bare]) == ["skip:no_matchable_identifier"])
        // Meta's window is 7 days: an 8-day-old stage is skipped there but sent to Google.
        let eightDays = try Self.planner().plan(Self.context(PlanFixtures.deal(stages: [("won", 8)]))) { _ in nil }
        #expect(Self.actions(eightDays, "meta-stages") == ["skip:outside_window"])
        #expect(Self.actions(eightDays, "google-won") == ["upload"])
        // A zero-probability stage has no value to send.
        let lost = try Self.planner().plan(Self.context(PlanFixtures.deal(stages: [("lost", 1)]))) { _ in nil }
        #expect(Self.actions(lost, "meta-stages") == ["skip:zero_value"])
    }

    @Test func inFlightAndRejectedOperationsAreNotPlannedAgain() throws {
        let planner = try Self.planner()
        let deal = PlanFixtures.deal(stages: [("won", 1)])
        var ledger: [DedupKey: LedgerEntry] = [:]
        Self.accepted(planner.plan(Self.context(deal)) { _ in nil }, into: &ledger)
        for key in ledger.keys { ledger[key]?.state = .sending }
        #expect(Self.actions(planner.plan(Self.context(deal)) { ledger[$0] }, "google-won") == ["skip:in_flight"])
        for key in ledger.keys { ledger[key]?.state = .deadLetter }
        #expect(Self.actions(planner.plan(Self.context(deal)) { ledger[$0] }, "google-won") == ["skip:rejected_before"])
    }

    @Test func valuesAreConvertedAtTheDatedRateAndRecordIt() throws {
        var diagnostics: [Diagnostic] = []
        let rates = ExchangeRateTable.parse(
            csv: "date,currency,usd_per_unit\n2026-11-01,EUR,1.10\n2026-11-27,EUR,1.20\n2026-11-01,JPY,0.0065\n",
            path: "fx.csv", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        let planner = try Self.planner(rates: rates)
        let euros = PlanFixtures.deal(stages: [("won", 4)], amount: 1_000_005, currency: CurrencyCode("EUR")!)
        let event = try #require(
            planner.plan(Self.context(euros)) { _ in nil }.first { $0.goal == "google-won" }?.event)
        // 10,000.05 EUR x 1.10 (the rate of 2026-11-01; 2026-11-27 is after the conversion day) = 11,000.055 USD,
        // rounded half-to-even to 11,000.06.
        #expect(event.value == Money(minorUnits: 1_100_006, currency: .usd))
        #expect(event.conversion?.rates.map(\.day) == [CalendarDay(iso: "2026-11-01")!])
        let yen = PlanFixtures.deal(stages: [("won", 1)], amount: 1_000_000, currency: CurrencyCode("JPY")!)
        let yenEvent = try #require(
            planner.plan(Self.context(yen)) { _ in nil }.first { $0.goal == "google-won" }?.event)
        #expect(yenEvent.value == Money(minorUnits: 650_000, currency: .usd))
    }

    @Test func dedupKeysAreDeterministicPerStageAndGoalAndSharedByBothGooglePaths() throws {
        let google = try Self.goals()[0]
        var ads = google
        ads.platform = .googleAds
        let key = DedupKeys.key(for: google, connector: "crm", deal: "d-1", stage: "won")
        #expect(key == DedupKeys.key(for: google, connector: "crm", deal: "d-1", stage: "won"))
        #expect(key == DedupKeys.key(for: ads, connector: "crm", deal: "d-1", stage: "won"))
        #expect(key != DedupKeys.key(for: google, connector: "crm", deal: "d-1", stage: "proposal"))
        #expect(key != DedupKeys.key(for: try Self.goals()[1], connector: "crm", deal: "d-1", stage: "won"))
        #expect(key.rawValue.count == 36 && key.rawValue.hasPrefix("rl1-"))
        #expect(key.rawValue.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func theHoldoutIsADeterministicShareOfDeals() {
        let cohort = HoldoutCohort(share: 0.1, salt: "s", scope: nil)
        let held = (0..<20_000).filter { cohort.contains(DealID("d-\($0)")) }
        #expect(held.count > 1_800 && held.count < 2_200)
        #expect(held == (0..<20_000).filter { cohort.contains(DealID("d-\($0)")) })
        let other = HoldoutCohort(share: 0.1, salt: "s", scope: "goal")
        #expect(held != (0..<20_000).filter { other.contains(DealID("d-\($0)")) })
        #expect(!HoldoutCohort(share: 0, salt: "s", scope: nil).contains("d-1"))
    }

    @Test func aHeldOutDealIsSkippedEverywhereByTheProjectHoldout() throws {
        let planner = ConversionPlanner(
            goals: try Self.goals(holdout: 0.5), rates: ExchangeRateTable(), asOf: PlanFixtures.asOf)
        let cohort = HoldoutCohort(share: 0.5, salt: "test", scope: nil)
        let id = try #require((0..<100).map { "d-\($0)" }.first { cohort.contains(DealID($0)) })
        let operations = planner.plan(Self.context(PlanFixtures.deal(id, stages: [("won", 1)]))) { _ in nil }
        // LinkedIn's goal file has no holdout of its own, so the project's applies there too.
        #expect(operations.allSatisfy { $0.action == .skip(.heldOut) })
    }

    @Test func filtersOnAmountAndCountryAndTriggersByStageLabel() throws {
        let yaml = """
            name: filtered
            destination: google
            account: "1234567890"
            conversion_action: "1"
            trigger: { stages: ["Closed won"] }
            value: { policy: deal_amount, currency: USD }
            filter: { min_amount: "100.00", max_amount: "50000.00", countries: [us, CA] }
            """
        let mapping = try #require(PlanFixtures.mapping("google", yaml: yaml))
        #expect(mapping.countries == ["US", "CA"])
        let goal = ConversionGoal(
            mapping: mapping, platform: .googleDataManager, projectHoldoutShare: 0, holdoutSalt: "t")
        let planner = ConversionPlanner(goals: [goal], rates: ExchangeRateTable(), asOf: PlanFixtures.asOf)
        func action(_ deal: Deal, _ contact: Contact = PlanFixtures.contact()) -> [String] {
            Self.actions(planner.plan(Self.context(deal, contacts: [contact])) { _ in nil }, "filtered")
        }
        // The label "Closed won" names the won stage; the proposal stage does not fire.
        #expect(action(PlanFixtures.deal(stages: [("proposal", 3), ("won", 1)])) == ["upload"])
        #expect(action(PlanFixtures.deal(stages: [("won", 1)], amount: 9_999)) == ["skip:outside_amount_filter"])
        #expect(action(PlanFixtures.deal(stages: [("won", 1)], amount: 5_000_001)) == ["skip:outside_amount_filter"])
        var german = PlanFixtures.contact()
        german.countryCode = "DE"
        #expect(action(PlanFixtures.deal(stages: [("won", 1)]), german) == ["skip:outside_country_filter"])
    }

    @Test func aFilterWithMaxBelowMinIsAConfigError() {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            destination: google
            account: "1"
            conversion_action: "1"
            trigger: { event: closed_won }
            value: { policy: deal_amount, currency: USD }
            filter: { min_amount: "10.00", max_amount: "5.00", countries: [USA] }
            """
        let document = ConfigDocument.parse(yaml, path: "mappings/x.yaml", diagnostics: &diagnostics)
        _ = MappingConfig.read(document, destinations: PlanFixtures.destinations, diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.message) == [
                "'filter.max_amount' is below 'filter.min_amount': nothing would be sent",
                "'USA' is not an ISO 3166-1 alpha-2 country code such as US",
            ])
    }
}
