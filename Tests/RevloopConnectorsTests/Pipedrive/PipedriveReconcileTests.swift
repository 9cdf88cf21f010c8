import Foundation
import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// The persons reconcile: persons Pipedrive deleted or merged away reach the store and the identity graph.
@Suite struct PipedriveReconcileTests {
    private struct Crash: Error {}

    private static let changedAt = PipedriveHarness.asOf.adding(milliseconds: 3_600_000)
    private static let secondAsOf = PipedriveHarness.asOf.adding(milliseconds: 7_200_000)

    /// Merges one pair and deletes one person of a third deal, as users do between two pulls.
    private func change(_ harness: PipedriveHarness) throws -> (merge: ContactMerge, deleted: ContactID) {
        let (loser, survivor) = try harness.mergeablePair()
        let (gone, _) = try harness.mergeablePair(offset: 1)
        #expect(gone != loser && gone != survivor)
        harness.emulator.mergePerson(loser, into: survivor, at: Self.changedAt)
        harness.emulator.deletePerson(gone, at: Self.changedAt)
        return (
            ContactMerge(loser: ContactID(String(loser)), survivor: ContactID(String(survivor))),
            ContactID(String(gone))
        )
    }

    @Test func aMergedPersonFoldsIntoItsSurvivorAndADeletedOneIsDropped() async throws {
        let harness = try PipedriveHarness(deals: 150, seed: 29)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: PipedriveHarness.asOf)
        let (merge, deleted) = try change(harness)
        let loserClicks = try await store.clickIDs(connector: "pipedrive", contact: merge.loser)
        #expect(!loserClicks.isEmpty)
        let before = try await store.counts()
        _ = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: Self.secondAsOf)

        #expect(try await store.contact(connector: "pipedrive", id: merge.loser) == nil)
        #expect(try await store.contact(connector: "pipedrive", id: deleted) == nil)
        let kept = try await store.clickIDs(connector: "pipedrive", contact: merge.survivor).map(\.value)
        #expect(
            Set(loserClicks.map(\.value)).isSubset(of: Set(kept)), "the survivor holds the merged person's click ids")
        #expect(try await store.clickIDs(connector: "pipedrive", contact: deleted).isEmpty)
        for contact in [merge.loser, deleted] {
            #expect(try await store.deals(connector: "pipedrive", naming: contact).isEmpty)
            let source = IdentityLink.contactSource(connector: "pipedrive", contact: contact)
            #expect(try await store.identityLinks(touching: [source]).isEmpty)
        }
        #expect(try await store.counts().contacts == before.contacts - 2)
        // Pulled again with nothing changed, the reconcile finds nobody else gone.
        let again = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: Self.secondAsOf.adding(days: 1))
        #expect(again.outcome.total.changed == 0)
        #expect(try await store.counts().contacts == before.contacts - 2)
    }

    @Test func aPullCrashedMidReconcileResumesAfterTheLastCommittedPage() async throws {
        let harness = try PipedriveHarness(deals: 150, seed: 29)
        let twin = try PipedriveHarness(deals: 150, seed: 29)
        let config = harness.config()
        let store = InMemorySnapshotStore()
        let reference = InMemorySnapshotStore()
        _ = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: PipedriveHarness.asOf)
        _ = try await CRMSourceConformance.pull(
            try twin.source(twin.config(), roster: reference), into: reference, asOf: PipedriveHarness.asOf)
        let (merge, deleted) = try change(harness)
        _ = try change(twin)
        _ = try await CRMSourceConformance.pull(
            try twin.source(twin.config(), roster: reference), into: reference, asOf: Self.secondAsOf)

        // The commit of the reconcile's third page fails: the process dies there.
        var reconcilePages = 0
        await #expect {
            try await harness.source(config, roster: store).pull(
                from: try await store.cursors(connector: "pipedrive"), asOf: Self.secondAsOf
            ) { page in
                if page.progress.stream == "persons_reconcile" {
                    if reconcilePages == 2 { throw Crash() }
                    reconcilePages += 1
                }
                _ = try await store.apply(page.batch, cursors: page.cursors)
            }
        } throws: { error in
            (error as? ConnectorError)?.kind == .commitFailed && "\(error)".contains("persons_reconcile")
        }
        let cursor = try #require(try await store.cursor(connector: "pipedrive", stream: "persons_reconcile"))
        #expect(cursor.value.contains("\"complete\":false"), "the walk stopped after its second page")

        let resumed = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: Self.secondAsOf)
        #expect(resumed.diagnostics.isEmpty || resumed.diagnostics.allSatisfy { $0.severity != .error })
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "pipedrive")
        #expect(try await store.contact(connector: "pipedrive", id: merge.loser) == nil)
        #expect(try await store.contact(connector: "pipedrive", id: deleted) == nil)
        #expect(
            try await store.clickIDs(connector: "pipedrive", contact: merge.survivor)
                == reference.clickIDs(connector: "pipedrive", contact: merge.survivor))
    }

    @Test func aMergeIntoAPersonAlreadyOnTheDealIsFoundInTheDealsFlow() async throws {
        let harness = try PipedriveHarness(deals: 300, seed: 31)
        let dataset = harness.emulator.dataset
        let withClicks = Set(dataset.persons.filter { !$0.customFields.isEmpty }.map(\.id))
        // The person of a deal, with click ids, merged into a participant of every deal it is on: no deal gains
        // anyone, so only the flow's person_id change tells the merge from a deletion.
        let deal = try #require(
            dataset.deals.first { deal in
                guard let person = deal.personID, let other = deal.participantIDs.first, withClicks.contains(person)
                else { return false }
                return dataset.deals.allSatisfy { !$0.personIDs.contains(person) || $0.personIDs.contains(other) }
            })
        let loser = try #require(deal.personID)
        let survivor = try #require(deal.participantIDs.first)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: PipedriveHarness.asOf)
        let loserClicks = try await store.clickIDs(connector: "pipedrive", contact: ContactID(String(loser)))
        #expect(!loserClicks.isEmpty)
        harness.emulator.mergePerson(loser, into: survivor, at: Self.changedAt)
        _ = try await CRMSourceConformance.pull(
            try harness.source(config, roster: store), into: store, asOf: Self.secondAsOf)
        #expect(try await store.contact(connector: "pipedrive", id: ContactID(String(loser))) == nil)
        let kept = try await store.clickIDs(connector: "pipedrive", contact: ContactID(String(survivor)))
        #expect(Set(loserClicks.map(\.value)).isSubset(of: Set(kept.map(\.value))), "folded, not dropped")
        let stored = try #require(try await store.deal(connector: "pipedrive", id: DealID(String(deal.id))))
        #expect(stored.contactIDs == [ContactID(String(survivor))] + stored.contactIDs.dropFirst())
        #expect(Set(stored.contactIDs).count == stored.contactIDs.count)
    }
}
