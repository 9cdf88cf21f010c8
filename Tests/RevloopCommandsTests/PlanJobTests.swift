import Foundation
import RevloopCommands
import RevloopConnectors
import RevloopCore
import RevloopDestinations
import RevloopMapping
import RevloopStore
import Testing

@Suite struct PlanJobTests {
    static let asOf = Timestamp(millisecondsSinceEpoch: 1_796_000_000_000)

    /// The bundled project pulled into a fresh SQLite store, with a plan job over it.
    static func bundledSample(_ name: String) async throws -> (SQLiteStore, PlanJob) {
        let project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        #expect(!project.diagnostics.containsErrors)
        let config = try #require(project.config)
        let store = try SQLiteStore(path: RepositoryFiles.temporaryFolder(name) + "/store.sqlite")
        let sources = try project.connectors.map { config throws(ConnectorError) in try CRMSources.make(config) }
        _ = try await PullJob(store: store, sources: sources, asOf: asOf, identity: IdentityGraphUpdater(store: store))
            .run()
        let goals = try project.mappings.map { mapping in
            ConversionGoal(
                mapping: mapping, platform: try #require(config.destinations[mapping.destination]).platform,
                projectHoldoutShare: config.holdoutShare, holdoutSalt: config.holdoutSalt)
        }
        let planner = ConversionPlanner(goals: goals, rates: project.exchangeRates, asOf: asOf)
        return (store, PlanJob(store: store, planner: planner, connectors: project.connectors))
    }

    static func plan(_ job: PlanJob) async throws -> [PlannedOperation] {
        var all: [PlannedOperation] = []
        try await job.run { _, operations in all += operations }
        return all
    }

    /// Records every sending operation as accepted, as delivery will.
    static func acceptAll(_ operations: [PlannedOperation], in store: SQLiteStore) async throws {
        let entries = operations.compactMap { operation -> LedgerEntry? in
            guard let event = operation.event else { return nil }
            var state = LedgerEntry.State.accepted
            if case .restate = operation.action { state = .restated }
            if case .retract = operation.action { state = .retracted }
            return LedgerEntry(
                key: operation.key, platform: operation.platform, goal: operation.goal, connector: event.connector,
                dealID: operation.dealID, stageID: operation.stageID, state: state, value: event.value,
                updatedAt: asOf)
        }
        try await store.record(entries, note: "accepted (test)")
    }

    @Test func theSamplePlansTheSameOperationsAsItsGoldenFiles() async throws {
        let (_, job) = try await Self.bundledSample("plan-golden")
        let operations = try await Self.plan(job)
        var tally = PlanTally(goals: job.planner.goals)
        for operation in operations { tally.add(operation) }
        #expect(
            tally.goals.map { "\($0.name)=\($0.uploads)" } == [
                "google-closed-won=150", "linkedin-qualified=522", "meta-pipeline=202",
            ])
        // The first two events of each platform, as requests: any change to values, keys or formats shows here.
        for platform in [Platform.googleDataManager, .meta, .linkedIn] {
            let firstTwo = Array(operations.filter { $0.platform == platform && $0.sends }.prefix(2))
            let request = try #require(
                WireRenderers.renderer(for: platform).requests(
                    for: firstTwo, options: WireOptions(adjustmentTime: Self.asOf)
                )
                .first)
            let line = String(decoding: request.jsonLine, as: UTF8.self) + "\n"
            let file = RepositoryFiles.root + "/Tests/RevloopCommandsTests/Golden/sample-\(platform.rawValue).json"
            if ProcessInfo.processInfo.environment["REVLOOP_RECORD_GOLDEN"] == "1" {
                try line.write(toFile: file, atomically: true, encoding: .utf8)
            }
            #expect(line == (try String(contentsOfFile: file, encoding: .utf8)))
        }
    }

    @Test func planningAgainAfterTheLedgerRecordsTheFirstRunPlansNothing() async throws {
        let (store, job) = try await Self.bundledSample("plan-twice")
        let first = try await Self.plan(job)
        #expect(first.filter(\.sends).count == 874)
        try await Self.acceptAll(first, in: store)
        let second = try await Self.plan(job)
        #expect(second.filter(\.sends).isEmpty)
        #expect(second.count == first.count)
        #expect(second.filter { $0.action == .skip(.alreadySent) }.count == 874)
    }

    @Test func aChangedAmountRestatesGoogleOnceAndALossRetractsIt() async throws {
        let (store, job) = try await Self.bundledSample("plan-lifecycle")
        let first = try await Self.plan(job)
        try await Self.acceptAll(first, in: store)
        // A deal Google got, that Meta and LinkedIn got too.
        let googleDeals = Set(first.filter { $0.goal == "google-closed-won" && $0.sends }.map(\.dealID))
        let shared = try #require(
            first.filter { $0.sends && $0.goal != "google-closed-won" && googleDeals.contains($0.dealID) }
                .map(\.dealID).sorted { $0.rawValue < $1.rawValue }.first)
        let connector = try #require(job.connectors.first).name
        var deal = try #require(try await store.deal(connector: connector, id: shared))
        let amount = try #require(deal.amount)
        deal.amount = Money(minorUnits: amount.minorUnits + 100_000, currency: amount.currency)
        deal.updatedAt = Self.asOf
        _ = try await store.apply(SnapshotBatch(connector: connector, deals: [deal]), cursors: [])

        let second = try await Self.plan(job)
        #expect(
            second.filter(\.sends).map { "\($0.dealID):\($0.goal):\($0.actionCode)" } == [
                "\(shared):google-closed-won:restate"
            ])
        // Every Meta and LinkedIn event sent for the deal now has another value: said, not resent.
        let sentKeys = Set(
            first.filter { $0.sends && $0.dealID == shared && $0.goal != "google-closed-won" }.map(\.key))
        #expect(!sentKeys.isEmpty)
        #expect(second.filter { sentKeys.contains($0.key) }.allSatisfy { $0.actionCode == "cannot_adjust" })
        try await Self.acceptAll(second, in: store)
        #expect(try await Self.plan(job).filter(\.sends).isEmpty)

        let pipeline = try #require(try await store.pipelines(connector: connector).first { $0.id == deal.pipelineID })
        let lost = try #require(pipeline.stages.first { $0.isClosed && !$0.isWon })
        deal.stageHistory.append(StageTransition(stageID: lost.id, enteredAt: Self.asOf.adding(milliseconds: -60_000)))
        deal.stageID = lost.id
        deal.updatedAt = Self.asOf.adding(milliseconds: 1)
        _ = try await store.apply(SnapshotBatch(connector: connector, deals: [deal]), cursors: [])
        let third = try await Self.plan(job)
        #expect(third.filter { $0.goal == "google-closed-won" && $0.sends }.map(\.actionCode) == ["retract"])
        let history = try await store.ledgerHistory(
            key: try #require(third.first { $0.goal == "google-closed-won" && $0.sends }?.key))
        #expect(history.map(\.state) == [.accepted, .restated])
    }
}

@Suite struct ExportPlanJobTests {
    @Test func planningStraightFromTheExportEqualsPlanningFromTheStore() async throws {
        let (store, job) = try await PlanJobTests.bundledSample("plan-export")
        let fromStore = try await PlanJobTests.plan(job)
        var storeTally = PlanTally(goals: job.planner.goals)
        for operation in fromStore { storeTally.add(operation) }

        var scans: [(connector: ConnectorConfig, scan: ExportScan)] = []
        for connector in job.connectors {
            let source = try FileExportSource(config: connector)
            let pinned = try await store.cursors(connector: connector.name)
            scans.append(
                (
                    connector,
                    ExportScan(
                        source: source, rebaseDays: try source.rebaseDays(pinned: pinned, asOf: PlanJobTests.asOf))
                ))
        }
        var exportTally = PlanTally(goals: job.planner.goals)
        var fromExport: [PlannedOperation] = []
        var diagnostics: [Diagnostic] = []
        exportTally.deals = try ExportPlanJob(planner: job.planner, ledger: [:], scans: scans).run(
            diagnostic: { diagnostics.append($0) }, progress: { _ in },
            skipped: { exportTally.addSkip(goalIndex: $0, reason: $1) },
            operation: { operation in
                exportTally.add(operation)
                fromExport.append(operation)
            })
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(exportTally.deals == 3_000)
        #expect(exportTally.goals == storeTally.goals)
        func sent(_ operations: [PlannedOperation]) -> [String] {
            operations.compactMap { operation in
                operation.event.map { "\(operation.key) \(operation.actionCode) \($0.value) \($0.person.contactID)" }
            }.sorted()
        }
        #expect(sent(fromExport) == sent(fromStore))
        #expect(sent(fromStore).count == 874)
        // The requests carry the same events, identifiers included (the export path hashes only the kinds
        // each person's events send).
        func events(_ operations: [PlannedOperation]) throws -> [String] {
            let requests = WireRenderers.requests(
                for: operations, options: WireOptions(adjustmentTime: PlanJobTests.asOf))
            var all: [String] = []
            for request in requests {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                let list = (body["events"] ?? body["data"] ?? body["elements"]) as? [Any] ?? []
                for event in list {
                    let data = try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys])
                    all.append(String(decoding: data, as: UTF8.self))
                }
            }
            return all.sorted()
        }
        #expect(try events(fromExport) == events(fromStore))
    }
}
