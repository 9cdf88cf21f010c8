public import RevloopConnectors
public import RevloopCore
public import RevloopStore
public import Testing

/// The behaviour every `CRMSource` must have, checked by pulling into the in-memory store twin: the file
/// connector runs it against an export on disk, the API connectors against their sandbox emulators over
/// real loopback sockets.
public enum CRMSourceConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A first pull loads records (and what the subject expects, when it says) without error diagnostics.
    case aFirstPullLoadsEveryRecord
    /// A second pull, with the cursors the first one committed, changes nothing in the store.
    case aSecondPullFindsNothingNew
    /// A pull whose commit fails after page k, then a pull that resumes from the committed cursors, leaves
    /// the store exactly as one uninterrupted pull does: no record lost, none inserted twice.
    case aCrashedPullResumesWithoutLossOrDuplicates
    /// A contact merged in the CRM reaches the store on the next pull: the loser and its identity links are
    /// gone, its click ids are the survivor's, and its deals list the survivor, once.
    case aMergedContactFoldsIntoItsSurvivor

    public var testDescription: String { rawValue }

    /// The commit failure the crash check injects (a stand-in for `kill -9` between two pages).
    public struct SimulatedCrash: Error, Sendable {}

    /// What one pull did: the summed store outcome, the pages committed and their diagnostics.
    public struct PullTally: Sendable {
        public var outcome = ApplyOutcome()
        public var pages = 0
        public var diagnostics: [Diagnostic] = []
    }

    /// Pulls `source` into `store` as `revloop pull` does (each page applied with its cursors in one
    /// transaction); with `crashAfterPages: k`, the commit of page k (0-based) throws `SimulatedCrash`.
    public static func pull(
        _ source: any CRMSource, into store: any SnapshotStore, asOf: Timestamp, crashAfterPages: Int? = nil
    ) async throws -> PullTally {
        var tally = PullTally()
        let cursors = try await store.cursors(connector: source.name)
        try await source.pull(from: cursors, asOf: asOf) { page in
            if let crashAfterPages, tally.pages == crashAfterPages { throw SimulatedCrash() }
            tally.outcome.add(try await store.apply(page.batch, cursors: page.cursors))
            tally.diagnostics += page.diagnostics
            tally.pages += 1
        }
        return tally
    }

    /// Runs this check against fresh in-memory stores.
    public func run(on subject: CRMSourceConformanceSubject) async throws {
        switch self {
        case .aFirstPullLoadsEveryRecord:
            let store = InMemorySnapshotStore()
            let tally = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.asOf)
            #expect(tally.pages > 0)
            #expect(tally.outcome.deals.inserted > 0)
            #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)
            if let expected = subject.expectedCounts {
                #expect(try await store.counts() == expected)
            }

        case .aSecondPullFindsNothingNew:
            let store = InMemorySnapshotStore()
            _ = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.asOf)
            let counts = try await store.counts()
            let second = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.secondPullAsOf)
            #expect(second.outcome.total.changed == 0, "a pull with nothing changed in the CRM changes nothing")
            #expect(try await store.counts() == counts)

        case .aCrashedPullResumesWithoutLossOrDuplicates:
            let reference = InMemorySnapshotStore()
            let whole = try await Self.pull(try subject.makeSource(reference), into: reference, asOf: subject.asOf)
            for crashAfter in subject.crashAfterPages {
                try #require(crashAfter < whole.pages, "the subject has \(whole.pages) pages; crash earlier")
                let store = InMemorySnapshotStore()
                await #expect(throws: (any Error).self, "the commit of page \(crashAfter) fails") {
                    _ = try await Self.pull(
                        try subject.makeSource(store), into: store, asOf: subject.asOf, crashAfterPages: crashAfter)
                }
                // What the crashed pull committed is what the store holds.
                let committed = try await store.counts()
                let resumed = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.asOf)
                try await Self.expectSameRecords(store, reference, connector: subject.connector)
                // Every record was inserted exactly once across the two pulls: the resumed pull inserted what
                // the crashed one had not committed, and nothing twice.
                let referenceCounts = try await reference.counts()
                #expect(
                    committed.deals + resumed.outcome.deals.inserted == referenceCounts.deals,
                    "crash after page \(crashAfter): deals inserted once each")
                #expect(
                    committed.contacts + resumed.outcome.contacts.inserted == referenceCounts.contacts,
                    "crash after page \(crashAfter): contacts inserted once each")
                #expect(
                    committed.activities + resumed.outcome.activities.inserted == referenceCounts.activities,
                    "crash after page \(crashAfter): activities inserted once each")
                #expect(whole.outcome.deals.inserted == referenceCounts.deals)
            }

        case .aMergedContactFoldsIntoItsSurvivor:
            // A file export has no merges: the check holds for it trivially.
            guard let mergeContacts = subject.mergeContacts else { return }
            let store = InMemorySnapshotStore()
            let connector = subject.connector
            _ = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.asOf)
            let merges = try await mergeContacts()
            try #require(!merges.isEmpty)
            var before: [ContactMerge: (clicks: Set<String>, deals: [DealID])] = [:]
            for merge in merges {
                let clicks =
                    try await store.clickIDs(connector: connector, contact: merge.loser)
                    + store.clickIDs(connector: connector, contact: merge.survivor)
                let deals = try await store.deals(connector: connector, naming: merge.loser).map(\.id)
                try #require(!deals.isEmpty, "the merged contact \(merge.loser) has deals")
                try #require(!clicks.isEmpty, "the merged contacts have click ids")
                before[merge] = (Set(clicks.map { "\($0.kind.rawValue):\($0.value)" }), deals)
            }
            _ = try await Self.pull(try subject.makeSource(store), into: store, asOf: subject.secondPullAsOf)
            for merge in merges {
                let (clicks, deals) = try #require(before[merge])
                #expect(try await store.contact(connector: connector, id: merge.loser) == nil, "\(merge.loser) is gone")
                #expect(try await store.contact(connector: connector, id: merge.survivor) != nil)
                let kept = try await store.clickIDs(connector: connector, contact: merge.survivor)
                #expect(
                    clicks.isSubset(of: Set(kept.map { "\($0.kind.rawValue):\($0.value)" })),
                    "the survivor \(merge.survivor) holds both contacts' click ids")
                #expect(try await store.deals(connector: connector, naming: merge.loser).isEmpty)
                for id in deals {
                    let deal = try #require(try await store.deal(connector: connector, id: id))
                    #expect(deal.contactIDs.contains(merge.survivor), "deal \(id) lists the survivor")
                    #expect(Set(deal.contactIDs).count == deal.contactIDs.count, "deal \(id) lists each contact once")
                }
                let loserSource = IdentityLink.contactSource(connector: connector, contact: merge.loser)
                #expect(
                    try await store.identityLinks(touching: [loserSource]).isEmpty, "no identity link names the loser")
            }
        }
    }

    /// Both stores hold the same records for `connector`: counts, pipelines, and every deal with its contacts,
    /// their click ids and their activities, compared whole.
    public static func expectSameRecords(
        _ store: any SnapshotStore, _ reference: any SnapshotStore, connector: ConnectorName
    ) async throws {
        #expect(try await store.counts() == reference.counts())
        #expect(try await store.pipelines(connector: connector) == reference.pipelines(connector: connector))
        var after: DealID?
        var mismatched: [DealID] = []
        while true {
            let expected = try await reference.deals(connector: connector, after: after, limit: 1_000)
            let actual = try await store.deals(connector: connector, after: after, limit: 1_000)
            guard !expected.isEmpty || !actual.isEmpty else { break }
            for (left, right) in zip(actual, expected) where left != right { mismatched.append(right.id) }
            if actual.count != expected.count { mismatched.append(expected.last?.id ?? actual.last?.id ?? "?") }
            let contactIDs = expected.flatMap(\.contactIDs)
            #expect(
                try await store.contacts(connector: connector, ids: contactIDs)
                    == reference.contacts(connector: connector, ids: contactIDs))
            #expect(
                try await store.clickIDs(connector: connector, contacts: contactIDs)
                    == reference.clickIDs(connector: connector, contacts: contactIDs))
            #expect(
                try await store.activities(connector: connector, contacts: contactIDs)
                    == reference.activities(connector: connector, contacts: contactIDs))
            after = expected.last?.id ?? actual.last?.id
        }
        #expect(mismatched.isEmpty, "deals that differ from an uninterrupted pull: \(mismatched.prefix(5))")
    }
}
