import Foundation
import RevloopConnectors
import RevloopCore
import RevloopIdentity
import RevloopMapping
import RevloopPersonalization
import RevloopScoring
import RevloopStore
import Testing

@testable import RevloopCommands

/// The bundled sample with the example `predicted` goal: trained from the store, activated, planned.
@Suite(.serialized) struct PredictedValuePlanTests {
    static let asOf = Timestamp(millisecondsSinceEpoch: 1_796_000_000_000)

    /// The bundled project pulled into a fresh store, with the example predicted mapping added to its goals.
    static func sample(_ name: String) async throws -> (SQLiteStore, Project, [ConversionGoal]) {
        var project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        let config = try #require(project.config)
        let path = RepositoryFiles.root + "/examples/mappings/google-pipeline-predicted.yaml"
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(
            try String(contentsOfFile: path, encoding: .utf8), path: path, diagnostics: &diagnostics)
        let predicted = try #require(
            MappingConfig.read(document, destinations: config.destinations, diagnostics: &diagnostics))
        #expect(!diagnostics.containsErrors)
        project.mappings.append(predicted)
        let store = try SQLiteStore(path: RepositoryFiles.temporaryFolder(name) + "/store.sqlite")
        let sources = try project.connectors.map { config throws(ConnectorError) in try CRMSources.make(config) }
        _ = try await PullJob(store: store, sources: sources, asOf: asOf, identity: IdentityGraphUpdater(store: store))
            .run()
        return (store, project, PlanJob.goals(config: config, mappings: project.mappings))
    }

    static func plan(_ store: SQLiteStore, _ project: Project, _ goals: [ConversionGoal]) async throws
        -> [PlannedOperation]
    {
        let estimator = try await ActiveModelEstimator.load(from: store).estimator
        let planner = ConversionPlanner(goals: goals, rates: project.exchangeRates, asOf: asOf, estimator: estimator)
        var operations: [PlannedOperation] = []
        try await PlanJob(store: store, planner: planner, connectors: project.connectors).run { _, page in
            operations += page
        }
        return operations
    }

    @Test func theActiveModelValuesThePredictedGoalAndTheLedgerRecordsItsVersion() async throws {
        let (store, project, goals) = try await Self.sample("predicted-plan")
        // Before any model: stage probability, no version.
        let before = try await Self.plan(store, project, goals).filter {
            $0.goal == "google-pipeline-predicted" && $0.sends
        }
        #expect(!before.isEmpty && before.allSatisfy { $0.event?.modelVersion == nil })

        let outcome = try await DealModelTraining(options: TrainingOptions()).run(
            store: store, connectors: project.connectors, now: Self.asOf)
        #expect(outcome.model.version == "deal-win-20261130-1")
        #expect(outcome.training.rows.count > 1_000 && outcome.training.positives > 300)
        // The sample's engagement carries the outcome: the model ranks later deals well, and no meeting
        // label symptom shows.
        #expect(outcome.validation.auc > 0.7)
        #expect(outcome.labelWarning == nil)
        #expect(outcome.model.driftReference != nil)
        #expect(try await store.activateModel(version: outcome.model.version, at: Self.asOf))

        let operations = try await Self.plan(store, project, goals)
        let predicted = operations.filter { $0.goal == "google-pipeline-predicted" && $0.sends }
        #expect(predicted.count == before.count)
        #expect(predicted.allSatisfy { $0.event?.modelVersion == "deal-win-20261130-1" })
        // Each value is the deal's amount x the model's probability as of the stage's entry (applied in
        // millionths, as integer money), to the cent.
        let model = try ScoringModel.decode(json: Data(outcome.model.document.utf8))
        let checked = predicted.prefix(25)
        for operation in checked {
            let deal = try #require(try await store.deal(connector: "sample", id: operation.dealID))
            let pipelines = Dictionary(
                try await store.pipelines(connector: "sample").map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let snapshot = try #require(
                try await DealSnapshots.load([deal], connector: "sample", pipelines: pipelines, store: store).first)
            let probability = model.probability(for: DealFeatures.row(of: snapshot, asOf: operation.occurredAt))
            let event = try #require(operation.event)
            let amount = Double((event.conversion?.converted ?? deal.amount)?.minorUnits ?? 0)
            let expected = (amount * (probability * 1_000_000).rounded() / 1_000_000).rounded()
            #expect(abs(Double(event.value.minorUnits) - expected) <= 1, "\(operation.dealID)")
        }
        // Other goals are untouched by the model.
        #expect(
            operations.filter { $0.goal != "google-pipeline-predicted" }.allSatisfy { $0.event?.modelVersion == nil })

        // Delivered (as delivery records them), the ledger keeps the version per operation.
        let entries = predicted.compactMap { operation -> LedgerEntry? in
            guard let event = operation.event else { return nil }
            return LedgerEntry(
                key: operation.key, platform: operation.platform, goal: operation.goal, connector: event.connector,
                dealID: operation.dealID, stageID: operation.stageID, state: .accepted, value: event.value,
                updatedAt: Self.asOf, modelVersion: event.modelVersion)
        }
        try await store.record(entries, note: "accepted")
        let ledger = try await store.ledgerEntries()
        #expect(entries.allSatisfy { ledger[$0.key]?.modelVersion == "deal-win-20261130-1" })
    }

    @Test func aModelWhoseCalibrationDriftedIsStoppedAndTheGoalFallsBackToStageProbability() async throws {
        let (store, project, goals) = try await Self.sample("predicted-drift")
        // A model trained on the opposite of what happened: its probabilities are confident and wrong, so on
        // the deals that closed its calibration is far past any shutdown criterion.
        let set = try await DealTrainingSet.load(
            store: store, connectors: project.connectors, windowStart: Self.asOf.adding(days: -365),
            windowEnd: Self.asOf)
        let inverted = try ModelTrainer().train(rows: set.rows, labels: set.labels.map { !$0 })
        let reference = DriftReference(
            features: DealFeatures.columns(of: set.rows),
            probabilities: inverted.probabilities(FeatureTable(schema: inverted.schema, rows: set.rows)))
        try await store.saveModel(
            StoredModel(
                version: "deal-win-inverted", purpose: ActiveModelEstimator.purpose, kind: "logistic",
                trainedAt: Self.asOf.adding(days: -200), windowStart: Self.asOf.adding(days: -565),
                windowEnd: Self.asOf.adding(days: -200), fingerprint: set.fingerprint, rows: set.rows.count,
                metrics: [:], document: String(decoding: try inverted.encodedJSON(), as: UTF8.self),
                driftReference: String(decoding: try JSONEncoder().encode(reference), as: UTF8.self)))
        _ = try await store.activateModel(version: "deal-win-inverted", at: Self.asOf)
        let active = try #require(try await store.activeModel(purpose: ActiveModelEstimator.purpose))

        let outcome = try await ModelDriftCheck().run(
            store: store, connectors: project.connectors, model: active, since: active.windowEnd, now: Self.asOf,
            stopOnShutdown: true)
        let report = try #require(outcome.report)
        #expect(report.hasAlarm(.calibrationECE))
        #expect(report.verdict.shouldStopServing && outcome.stopped)
        #expect(ScoringMaintenance.alerts(for: outcome).map(\.kind) == ["scoring_drift", "scoring_stopped"])
        #expect(try await store.activeModel(purpose: ActiveModelEstimator.purpose)?.stoppedReason != nil)

        // The stopped model feeds nothing: the goal is valued by stage probability again.
        let operations = try await Self.plan(store, project, goals)
        let predicted = operations.filter { $0.goal == "google-pipeline-predicted" && $0.sends }
        #expect(!predicted.isEmpty && predicted.allSatisfy { $0.event?.modelVersion == nil })
    }

    @Test func personalizationReadsTheLeadScoreFromTheActiveModel() async throws {
        let (store, project, _) = try await Self.sample("predicted-profile")
        let outcome = try await DealModelTraining(options: TrainingOptions()).run(
            store: store, connectors: project.connectors, now: Self.asOf)
        let model = try ScoringModel.decode(json: Data(outcome.model.document.utf8))
        let base = StoreProfileSource(store: store, clock: FixedWallClock(Self.asOf))
        let scored = ScoredProfileSource(base: base, store: store, dealModel: model)
        // d-7 is open; its primary contact's profile carries the model's score of it as of its current stage.
        let deal = try #require(try await store.deal(connector: "sample", id: "d-7"))
        let contact = try #require(deal.contactIDs.first)
        let plain = try await base.profile(visitorID: "crm:sample:\(contact.rawValue)")
        #expect(plain.openDeals.contains("sample/d-7") && plain.leadScore == nil)
        let profile = try await scored.profile(visitorID: "crm:sample:\(contact.rawValue)")
        var best = 0.0
        for reference in plain.openDeals {
            let id = DealID(String(reference.split(separator: "/")[1]))
            let open = try #require(try await store.deal(connector: "sample", id: id))
            let pipelines = Dictionary(
                try await store.pipelines(connector: "sample").map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let snapshot = try #require(
                try await DealSnapshots.load([open], connector: "sample", pipelines: pipelines, store: store).first)
            let asOf = open.stageHistory.last { $0.stageID == open.stageID }?.enteredAt ?? open.createdAt
            #expect(snapshot.currentStageEnteredAt == asOf)
            best = max(best, model.probability(for: DealFeatures.row(of: snapshot, asOf: asOf)))
        }
        #expect(profile.leadScore == (100 * best).rounded())
        #expect(profile.context(merging: [:])["lead_score_band"] != nil)
        // A visitor nobody linked keeps an anonymous profile, with no score.
        #expect(try await scored.profile(visitorID: "cookie:never-seen").leadScore == nil)
    }
}
