import Foundation
import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopTesting
import Testing

/// A deal's flow and persons, read per deal by `PipedriveSource` from the emulator over loopback.
@Suite struct PipedriveDealDetailsTests {
    @Test func eachDealReadHasItsPersonsReadAndItsFlowWhenItEverMovedStage() async throws {
        let harness = try PipedriveHarness(deals: 120, seed: 19)
        let store = InMemorySnapshotStore()
        _ = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: PipedriveHarness.asOf)
        let deals = harness.emulator.dataset.deals
        let moved = deals.filter {
            $0.stageChangeTime != nil || $0.status != .open || $0.wonTime != nil || $0.lostTime != nil
        }
        let tally = harness.emulator.tally
        // One request per deal for its persons, one per deal that moved or closed for its flow (none has over 500).
        #expect(tally.dealPersonRequests == deals.count)
        #expect(tally.flowRequests == moved.count && !moved.isEmpty)
        let several = try #require(deals.first { !$0.participantIDs.isEmpty && $0.status != .deleted })
        let stored = try #require(try await store.deal(connector: "pipedrive", id: DealID(String(several.id))))
        #expect(stored.contactIDs == several.personIDs.map { ContactID(String($0)) })
    }

    @Test func aStageMoveAfterThePullIsAddedToTheHistoryFromTheFlow() async throws {
        let harness = try PipedriveHarness(deals: 80, seed: 23)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await CRMSourceConformance.pull(try harness.source(config), into: store, asOf: PipedriveHarness.asOf)
        let dataset = harness.emulator.dataset
        let open = try #require(dataset.deals.first { $0.status == .open && $0.stageChangeTime != nil })
        let before = try #require(try await store.deal(connector: "pipedrive", id: DealID(String(open.id))))
        #expect(before.stageHistory.count >= 2, "the flow gave the stages before the current one")
        let stage = try #require(dataset.stages.first { $0.pipelineID == open.pipelineID && $0.id != open.stageID })
        let movedAt = PipedriveHarness.asOf.adding(milliseconds: 3_600_000)
        harness.emulator.moveDeal(open.id, toStage: stage.id, at: movedAt)
        _ = try await CRMSourceConformance.pull(
            try harness.source(config), into: store, asOf: PipedriveHarness.asOf.adding(milliseconds: 7_200_000))
        let after = try #require(try await store.deal(connector: "pipedrive", id: DealID(String(open.id))))
        #expect(
            after.stageHistory == before.stageHistory + [
                StageTransition(stageID: StageID(String(stage.id)), enteredAt: movedAt)
            ])
        #expect(after.stageID == StageID(String(stage.id)))
    }

    @Test func withTheSwitchesOffNoDealIsReadAloneAndHistoryIsSynthesized() async throws {
        let harness = try PipedriveHarness(deals: 80, seed: 23)
        var config = harness.config()
        config.readsDealFlow = false
        config.readsDealPersons = false
        let store = InMemorySnapshotStore()
        _ = try await CRMSourceConformance.pull(try harness.source(config), into: store, asOf: PipedriveHarness.asOf)
        #expect(harness.emulator.tally.flowRequests == 0 && harness.emulator.tally.dealPersonRequests == 0)
        let open = try #require(
            harness.emulator.dataset.deals.first { $0.status == .open && $0.stageChangeTime != nil })
        let stored = try #require(try await store.deal(connector: "pipedrive", id: DealID(String(open.id))))
        // Only the current stage, entered at stage_change_time; person_id alone.
        #expect(stored.stageHistory.count == 1)
        #expect(stored.stageHistory.first?.enteredAt == Timestamp(millisecondsSinceEpoch: open.stageChangeTime ?? 0))
        #expect(stored.contactIDs == (open.personID.map { [ContactID(String($0))] } ?? []))
    }
}
