import Foundation
import RevloopConnectors
import RevloopCore
import RevloopPersonalization
import RevloopScoring
import RevloopStore
import RevloopTesting
import Testing

@testable import RevloopCommands

/// The lead model end to end: persons joined through the identity graph, censored leads counted and left out,
/// a registry purpose of its own, and the lead score of a known person with no open deal.
@Suite(.serialized) struct LeadScoringTests {
    static let connector = SnapshotFixtures.connector
    static func at(_ hours: Int64) -> Timestamp { SnapshotFixtures.at(hours: hours) }

    static func contact(_ id: String) -> Contact {
        SnapshotFixtures.contact(id, emailHash: String(repeating: String(id.last ?? "0"), count: 64))
    }

    static func deal(_ id: String, _ stages: [String], contacts: [ContactID]) -> Deal {
        var deal = SnapshotFixtures.deal(id, stages: stages)
        deal.contactIDs = contacts
        return deal
    }

    /// ct-1 and ct-2 are one person (a won deal and a lost one: won); ct-3 has no deal; ct-4 a lost deal and an
    /// open one (censored); ct-5 a lost deal.
    static func store() async throws -> InMemorySnapshotStore {
        let store = InMemorySnapshotStore()
        let activities = [
            Activity(contactID: "ct-2", kind: .formSubmit, occurredAt: at(-5), channel: "referral", referrer: "g2.com"),
            Activity(contactID: "ct-1", kind: .pageView, occurredAt: at(-10), depth: 3),
            // After ct-2's form: not a feature of the person's lead row.
            Activity(contactID: "ct-1", kind: .pageView, occurredAt: at(-1), depth: 4),
            Activity(contactID: "ct-1", kind: .meetingBooked, occurredAt: at(1)),
        ]
        _ = try await store.apply(
            SnapshotBatch(
                connector: connector, pipelines: [SnapshotFixtures.pipeline], companies: [SnapshotFixtures.company()],
                contacts: ["ct-1", "ct-2", "ct-3", "ct-4", "ct-5"].map(contact),
                deals: [
                    deal("d-1", ["qualified", "won"], contacts: ["ct-1"]),
                    deal("d-2", ["qualified", "lost"], contacts: ["ct-2"]),
                    deal("d-3", ["qualified"], contacts: ["ct-4"]),
                    deal("d-4", ["qualified", "lost"], contacts: ["ct-4"]),
                    deal("d-5", ["qualified", "lost"], contacts: ["ct-5", "ct-5"]),
                ], activities: activities), cursors: [])
        try await store.saveResolution(["crm:fixture:ct-1": "p-a", "crm:fixture:ct-2": "p-a"], resolved: [])
        return store
    }

    static let connectors = [ConnectorConfig(name: connector, kind: .file, sourcePath: "connectors/fixture.yaml")]

    @Test func onePersonIsOneLeadAndLeadsWithoutAClosedOutcomeAreCountedNotLabelled() async throws {
        let store = try await Self.store()
        let set = try await LeadTrainingSet.load(
            store: store, connectors: Self.connectors, windowStart: Self.at(-24), windowEnd: Self.at(24))
        #expect(set.leadIDs == ["crm:fixture:ct-5", "p-a"])
        #expect(set.labels == [false, true])
        #expect(set.censoredNoDeal == 1 && set.censoredOpenDeal == 1 && set.outsideWindow == 0)
        // The person's lead began at ct-2's form (before ct-1 and ct-2 were created), from its source.
        #expect(set.cuts == [Self.at(0), Self.at(-5)])
        let person = set.rows[1]
        #expect(person["source_channel"] == .category("referral") && person["referrer"] == .category("g2.com"))
        #expect(person["pages_viewed_30d"] == .number(1) && person["content_depth"] == .number(3))
        #expect(person["industry"] == .category("Software") && person["employees"] == .number(120))
        #expect(set.hadMeeting == [false, true])
        #expect(set.fingerprint.count == 64)

        // Outcomes decided after the window are not rows (and not censored: they are outcomes).
        let early = try await LeadTrainingSet.load(
            store: store, connectors: Self.connectors, windowStart: Self.at(-24), windowEnd: Self.at(1))
        #expect(early.rows.isEmpty && early.outsideWindow == 2 && early.censored == 2)
    }

    @Test func oneContactReadsAsItsWholePerson() async throws {
        let store = try await Self.store()
        let lead = try #require(try await LeadSnapshots.lead(connector: Self.connector, contact: "ct-1", store: store))
        #expect(lead.personID == "p-a" && Set(lead.contacts.map(\.id)) == ["ct-1", "ct-2"])
        #expect(lead.becameLeadAt == Self.at(-5) && lead.deals.isEmpty)
        let alone = try #require(try await LeadSnapshots.lead(connector: Self.connector, contact: "ct-3", store: store))
        #expect(alone.personID == "crm:fixture:ct-3" && alone.contacts.map(\.id) == ["ct-3"])
        #expect(try await LeadSnapshots.lead(connector: Self.connector, contact: "ct-9", store: store) == nil)
    }

    @Test func aTrainedLeadModelIsItsOwnPurposeInTheRegistry() async throws {
        let store = try await Self.store()
        // Five rows are too few to fit; the registry is exercised with models saved by hand.
        func model(_ version: String, _ purpose: ScoringPurpose) -> StoredModel {
            StoredModel(
                version: version, purpose: purpose.registryName, kind: "logistic", trainedAt: Self.at(0),
                windowStart: Self.at(-24), windowEnd: Self.at(0), fingerprint: "f", rows: 10, metrics: [:],
                document: "{}")
        }
        try await store.saveModel(model("deal-win-1", .deal))
        try await store.saveModel(model("lead-win-1", .lead))
        #expect(try await store.activateModel(version: "deal-win-1", at: Self.at(1)))
        #expect(try await store.activateModel(version: "lead-win-1", at: Self.at(2)))
        #expect(try await store.activeModel(purpose: "deal_win")?.version == "deal-win-1")
        #expect(try await store.activeModel(purpose: "lead_win")?.version == "lead-win-1")
        #expect(ScoringPurpose(argument: "lead") == .lead && ScoringPurpose(argument: "deal_win") == .deal)
        #expect(ScoringPurpose(argument: "mql") == nil)
    }

    @Test func statusShowsTheLeadModelOnItsOwnLine() {
        var stored = StoredModel(
            version: "lead-win-1", purpose: "lead_win", kind: "logistic", trainedAt: Self.at(0),
            windowStart: Self.at(-24), windowEnd: Self.at(0), fingerprint: "f", rows: 10,
            metrics: ["auc": 0.659, "ece": 0.0977], document: "{}", isActive: true)
        let check = RunRecord(
            id: 3, command: ScoringPurpose.lead.monitorCommand, startedAt: Self.at(5), finishedAt: Self.at(5),
            status: .succeeded, summary: ["rows": 823, "alarms": 0, "ece_milli": 30], processID: nil)
        let lines = StatusCommand.scoringLines(
            StatusCommand.Report.Scoring(
                active: ScoreModelSummary(stored), models: 1, lastCheck: check, lastTraining: nil),
            purpose: .lead)
        #expect(lines.count == 2)
        #expect(
            lines[0].hasPrefix("lead scoring: lead-win-1 active (logistic, ")
                && lines[0].hasSuffix("AUC 0.659, ECE 0.0977)"))
        #expect(lines[1].hasSuffix(": 823 decided leads checked, 0 alarms, ECE 0.030"))
        stored.stoppedReason = "calibration drift"
        let stopped = StatusCommand.scoringLines(
            StatusCommand.Report.Scoring(
                active: ScoreModelSummary(stored), models: 1, lastCheck: nil, lastTraining: nil),
            purpose: .lead)
        #expect(stopped.last?.contains("lead scores come from the deal model or the store") == true)
    }

    @Test func scheduleKeepsTheLeadModelOnlyWhenConfigured() {
        var config = ScoringConfig()
        #expect(ScoringMaintenance.purposes(config: config, hasPredictedGoals: true) == [.deal])
        #expect(ScoringMaintenance.purposes(config: config, hasPredictedGoals: false).isEmpty)
        config.lead = LeadScoringConfig(windowDays: 730)
        #expect(ScoringMaintenance.purposes(config: config, hasPredictedGoals: false) == [.lead])
        #expect(ScoringMaintenance.purposes(config: config, hasPredictedGoals: true) == [.deal, .lead])
        #expect(config.leadWindowDays == 730 && config.leadModel == .logistic)
    }
}

/// A profile source that gives every visitor the same profile.
private struct FixedProfileSource: ProfileSource {
    let profile: VisitorProfile
    func profile(visitorID: String) async throws -> VisitorProfile { profile }
}

/// The bundled sample: a lead model trained and activated beside the deal model, and the lead-score rule.
@Suite(.serialized) struct LeadScoringSampleTests {
    static let asOf = PredictedValuePlanTests.asOf

    @Test func theSampleTrainsALeadModelBesideTheDealModelAndProfilesUseTheRightOne() async throws {
        let (store, project, _) = try await PredictedValuePlanTests.sample("lead-model")
        let deal = try await DealModelTraining(options: TrainingOptions()).run(
            store: store, connectors: project.connectors, now: Self.asOf)
        let lead = try await LeadModelTraining(options: TrainingOptions()).run(
            store: store, connectors: project.connectors, now: Self.asOf)
        #expect(lead.model.version == "lead-win-20261130-1" && lead.model.purpose == "lead_win")
        let set = lead.training
        // Every contact is a lead, labelled or counted: the sample's contacts, one person each or joined.
        #expect(set.rows.count + set.censored + set.outsideWindow > 5_000)
        #expect(set.rows.count > 2_000 && set.positives > 1_000 && set.rows.count - set.positives > 1_000)
        #expect(set.censoredOpenDeal > 1_000)
        // The sample's leads carry a signal (source and engagement before the form), weaker than the deals'.
        #expect(lead.validation.auc > 0.6)
        #expect(lead.labelWarning == nil)
        #expect(lead.model.driftReference != nil)

        // Activating the lead model leaves the deal model active.
        #expect(try await store.activateModel(version: deal.model.version, at: Self.asOf))
        #expect(try await store.activateModel(version: lead.model.version, at: Self.asOf))
        #expect(try await store.activeModel(purpose: "deal_win")?.version == deal.model.version)
        #expect(try await store.activeModel(purpose: "lead_win")?.version == lead.model.version)
        #expect(try await ActiveModelEstimator.load(from: store).estimator?.version == deal.model.version)

        let dealModel = try ScoringModel.decode(json: Data(deal.model.document.utf8))
        let leadModel = try ScoringModel.decode(json: Data(lead.model.document.utf8))
        let base = StoreProfileSource(store: store, clock: FixedWallClock(Self.asOf))
        let both = ScoredProfileSource(base: base, store: store, dealModel: dealModel, leadModel: leadModel)
        let dealOnly = ScoredProfileSource(base: base, store: store, dealModel: dealModel)
        #expect(try await ScoredProfileSource.make(base: base, store: store) is ScoredProfileSource)

        // A person with an open deal keeps the deal model's score.
        let open = try #require(try await store.deal(connector: "sample", id: "d-7"))
        let opener = "crm:sample:\(try #require(open.contactIDs.first).rawValue)"
        #expect(try await base.profile(visitorID: opener).openDeals.isEmpty == false)
        let openScore = try await both.profile(visitorID: opener).leadScore
        let dealOnlyScore = try await dealOnly.profile(visitorID: opener).leadScore
        #expect(openScore != nil && openScore == dealOnlyScore)

        // A known person with no open deal gets the lead model's score, as of becoming a lead.
        var closedContact: ContactID?
        var after: DealID?
        search: while closedContact == nil {
            let page = try await store.deals(connector: "sample", after: after, limit: 200)
            guard let last = page.last else { break }
            after = last.id
            for candidate in page where candidate.stageID.rawValue.contains("won") {
                guard let contact = candidate.contactIDs.first else { continue }
                let plain = try await base.profile(visitorID: "crm:sample:\(contact.rawValue)")
                if plain.openDeals.isEmpty, plain.leadScore == nil {
                    closedContact = contact
                    break search
                }
            }
        }
        let contact = try #require(closedContact)
        let visitor = "crm:sample:\(contact.rawValue)"
        let snapshot = try #require(try await LeadSnapshots.lead(connector: "sample", contact: contact, store: store))
        let asOf = try #require(snapshot.becameLeadAt)
        let expected = (100 * leadModel.probability(for: LeadFeatures.row(of: snapshot, asOf: asOf))).rounded()
        #expect(try await both.profile(visitorID: visitor).leadScore == expected)
        // Without a lead model such a person has no score; an anonymous visitor never gets one.
        #expect(try await dealOnly.profile(visitorID: visitor).leadScore == nil)
        #expect(try await both.profile(visitorID: "cookie:never-seen").leadScore == nil)

        // A score set by hand wins over both models.
        var handSet = try await base.profile(visitorID: visitor)
        handSet.leadScore = 12
        let fixed = ScoredProfileSource(
            base: FixedProfileSource(profile: handSet), store: store, dealModel: dealModel, leadModel: leadModel)
        #expect(try await fixed.profile(visitorID: visitor).leadScore == 12)

        // The scheduled maintenance of the lead purpose retrains and checks the lead model only.
        var config = ScoringConfig()
        config.lead = LeadScoringConfig()
        let report = await ScoringMaintenance(config: config, purposes: [.lead]).run(
            store: store, connectors: project.connectors, now: Self.asOf)
        #expect(report.trained == "lead-win-20261130-2")
        #expect(try await store.activeModel(purpose: "deal_win")?.version == deal.model.version)
        #expect(try await store.recentRuns(limit: 10).map(\.command).contains("score-train-lead"))
        #expect(report.alerts.allSatisfy { $0.kind != "scoring_training_failed" })
    }
}
