import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

@Suite struct PipedriveSourceTests {
    private func pull(
        _ source: PipedriveSource, into store: InMemorySnapshotStore, asOf: Timestamp = PipedriveHarness.asOf
    ) async throws -> CRMSourceConformance.PullTally {
        try await CRMSourceConformance.pull(source, into: store, asOf: asOf)
    }

    @Test func aPullHoldsTheSampleDealsWithWonAndLostAndPersonsWithTheirClickIDs() async throws {
        let harness = try PipedriveHarness(deals: 200, seed: 11)
        let store = InMemorySnapshotStore()
        let tally = try await pull(try harness.source(harness.config()), into: store)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)

        let folder = ExportTestSupport.temporaryFolder("pipedrive-export")
        try SampleGenerator(seed: 11, dealCount: 200, anchor: PipedriveHarness.anchor).write(to: folder)
        let export = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: export)
        let counts = try await store.counts()
        let exportCounts = try await export.counts()
        #expect(counts.deals == 200 && counts.deletedDeals == exportCounts.deletedDeals && counts.deletedDeals > 0)
        #expect(counts.contacts == exportCounts.contacts)
        // Each pipeline's open stages, and its synthesized won and lost stages.
        let pipelines = try await store.pipelines(connector: "pipedrive")
        #expect(pipelines.map(\.stages.count) == [7, 6])
        #expect(pipelines.allSatisfy { $0.stages.filter(\.isWon).map(\.id) == [StageID("\($0.id.rawValue):won")] })

        let wonStages = Set(SampleGenerator.pipelines.flatMap(\.stages).filter(\.isWon).map(\.id))
        let lostStages = Set(SampleGenerator.pipelines.flatMap(\.stages).filter { $0.isClosed && !$0.isWon }.map(\.id))
        var won = 0
        for number in 1...200 {
            let deal = try #require(try await store.deal(connector: "pipedrive", id: DealID("\(number)")))
            let original = try #require(try await export.deal(connector: "test", id: DealID("d-\(number)")))
            #expect(deal.isDeleted == original.isDeleted)
            // Pipedrive's value is 0 on a deal without one.
            let currency = try #require(deal.amount?.currency)
            #expect(deal.amount == (original.amount ?? Money(decimal: "0", currency: currency)), "deal \(number)")
            #expect(deal.createdAt == original.createdAt)
            // Every person of the deal (its participants read), the first one first.
            #expect(
                deal.contactIDs.map { "ct-\($0.rawValue)" } == original.contactIDs.map(\.rawValue), "deal \(number)")
            guard !deal.isDeleted else { continue }
            // The flow gives every stage the deal passed through, each when it was entered (v1 logs whole seconds).
            #expect(
                deal.stageHistory.map { $0.enteredAt.millisecondsSinceEpoch / 1_000 }
                    == original.stageHistory.map { $0.enteredAt.millisecondsSinceEpoch / 1_000 }, "deal \(number)")
            func second(_ transition: StageTransition?) -> Int64? {
                transition.map { $0.enteredAt.millisecondsSinceEpoch / 1_000 }
            }
            if wonStages.contains(original.stageID) {
                won += 1
                #expect(deal.stageID.rawValue == "\(deal.pipelineID.rawValue):won")
                // Won when the sample's deal entered its won stage.
                #expect(second(deal.stageHistory.last) == second(original.stageHistory.last))
            } else if lostStages.contains(original.stageID) {
                #expect(deal.stageID.rawValue == "\(deal.pipelineID.rawValue):lost")
                #expect(deal.lostReason == original.lostReason)
            } else {
                #expect(!deal.stageID.rawValue.contains(":"))
                #expect(second(deal.stageHistory.last) == second(original.stageHistory.last))
            }
        }
        #expect(won > 0)
        // The primary email and the names hash as the export's do (phones are read in `default_region`: the
        // export's contacts carry a country the persons lack); every click-id kind comes through.
        var clicks: [ClickIDKind: Int] = [:]
        var exportClicks: [ClickIDKind: Int] = [:]
        for number in 1...counts.contacts {
            let contact = try #require(try await store.contact(connector: "pipedrive", id: ContactID("\(number)")))
            let original = try #require(try await export.contact(connector: "test", id: ContactID("ct-\(number)")))
            let kinds: Set<HashedIdentifier.Kind> = [.email, .googleEmail, .firstName, .lastName]
            #expect(
                Set(contact.identifiers.filter { kinds.contains($0.kind) })
                    == Set(original.identifiers.filter { kinds.contains($0.kind) }))
            for click in try await store.clickIDs(connector: "pipedrive", contact: ContactID("\(number)")) {
                clicks[click.kind, default: 0] += 1
            }
            for click in try await export.clickIDs(connector: "test", contact: ContactID("ct-\(number)")) {
                exportClicks[click.kind, default: 0] += 1
            }
        }
        #expect(clicks == exportClicks && Set(clicks.keys) == Set(ClickIDKind.allCases))
        // Unusable emails and phones are warnings that name the field, never the value.
        #expect(tally.diagnostics.contains { $0.description.contains("field 'email'") })
        for domain in ["gmail.com", "googlemail.com", ".example", "outlook.com", "web.de"] {
            #expect(!tally.diagnostics.contains { $0.description.contains(domain) })
        }
    }

    @Test func injected429s5xxDropsAndTimeoutsAreSurvivedWithinTheRetryBudget() async throws {
        let faults = SandboxFaults(
            .init(
                serverError: 0.08, throttled: 0.08, dropAfterIngest: 0.04, retryAfterSeconds: 2, stalled: 0.02,
                stallSeconds: 2),
            seed: 5)
        let harness = try PipedriveHarness(deals: 150, seed: 13, faults: faults)
        let clean = try PipedriveHarness(deals: 150, seed: 13)
        let clock = ManualDelayClock()
        let store = InMemorySnapshotStore()
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
        _ = try await pull(
            try harness.source(harness.config(pageSize: 10, timeoutSeconds: 1), clock: clock, retryPolicy: policy),
            into: store)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try clean.source(clean.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "pipedrive")
        let tally = harness.emulator.tally
        #expect(tally.throttled > 0 && tally.serverErrors > 0 && tally.dropped > 0 && tally.stalled > 0)
        // Pipedrive's 429s carry Retry-After: 2, and the connector waited exactly that.
        #expect(clock.waits.filter { $0 == .seconds(2) }.count == tally.throttled)
        #expect(clock.waits.allSatisfy { $0 <= .seconds(10) })
    }

    @Test func aRetryBudgetSpentStopsThePullWithWhatToDo() async throws {
        let harness = try PipedriveHarness(
            deals: 20, faults: SandboxFaults(.init(serverError: 1), seed: 1))
        let clock = ManualDelayClock()
        await #expect {
            try await pull(
                try harness.source(harness.config(), clock: clock, retryPolicy: RetryPolicy(maxAttempts: 4)),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("connectors/pipedrive.yaml")
                && error.message.contains("GET /api/v2/pipelines failed 4 times (last: 503)")
                && error.message.contains("pull again later")
        }
        #expect(clock.waits.count == 3)
        #expect(harness.emulator.tally.requests == 4)
    }

    @Test func aDeletedDealReachesTheStoreAsADeletionAndAWonDealAsWon() async throws {
        let harness = try PipedriveHarness(deals: 120, seed: 17)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await pull(try harness.source(config), into: store)
        let open = try await store.deals(connector: "pipedrive", after: nil, limit: 200).filter {
            !$0.isDeleted && !$0.stageID.rawValue.contains(":")
        }
        let deleted = try #require(open.first)
        let winner = try #require(open.last)
        #expect(deleted.id != winner.id)

        let changedAt = PipedriveHarness.asOf.adding(milliseconds: 3_600_000)
        harness.emulator.deleteDeal(Int64(deleted.id.rawValue) ?? 0, at: changedAt)
        harness.emulator.winDeal(Int64(winner.id.rawValue) ?? 0, at: changedAt)
        let second = try await pull(
            try harness.source(config), into: store, asOf: PipedriveHarness.asOf.adding(milliseconds: 7_200_000))

        let stored = try #require(try await store.deal(connector: "pipedrive", id: deleted.id))
        #expect(stored.isDeleted && stored.stageID == deleted.stageID)
        #expect(stored.stageHistory == deleted.stageHistory, "a deleted deal keeps its history")
        let wonDeal = try #require(try await store.deal(connector: "pipedrive", id: winner.id))
        #expect(wonDeal.stageID.rawValue == "\(winner.pipelineID.rawValue):won")
        #expect(wonDeal.stageHistory.last == StageTransition(stageID: wonDeal.stageID, enteredAt: changedAt))
        #expect(second.outcome.deals.updated == 2, "the deleted deal and the won deal")
    }

    @Test func aRefusedTokenIsA401ErrorNamingTheFileAndTheFix() async throws {
        let harness = try PipedriveHarness(deals: 10)
        await #expect {
            try await pull(
                try harness.source(harness.config(), secrets: PipedriveHarness.secrets(token: "not-the-token-123")),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .credentialsRefused && error.message.contains("connectors/pipedrive.yaml")
                && error.message.contains("401") && error.message.contains("${env:PIPEDRIVE_API_TOKEN}")
                && error.message.contains("Personal preferences > API") && !error.message.contains("not-the-token-123")
        }
        #expect(harness.emulator.tally.refusedCredentials == 1, "a refused token is not retried")
    }
}
