import RevloopCommands
import RevloopCore
import RevloopIdentity
import RevloopStore
import RevloopTesting
import Testing

@Suite struct IdentityGraphUpdaterTests {
    static func contact(_ id: String, email: String, phone: String? = nil, hours: Int64 = 1) -> Contact {
        var identifiers = [HashedIdentifier(kind: .googleEmail, sha256Hex: SHA256.hex(email))]
        if let phone { identifiers.append(HashedIdentifier(kind: .phoneE164, sha256Hex: SHA256.hex(phone))) }
        return Contact(
            id: ContactID(id), companyID: nil, identifiers: identifiers, countryCode: "US", region: nil,
            postalCode: nil,
            consent: .unknown, createdAt: SnapshotFixtures.at(hours: hours),
            updatedAt: SnapshotFixtures.at(hours: hours))
    }

    static func person(_ store: InMemorySnapshotStore, _ identifier: String) async throws -> String? {
        try await store.persons(of: [identifier])[identifier]
    }

    @Test func twoCRMsJoinOnASharedEmailAndADeleteSplitsThemAgain() async throws {
        let store = InMemorySnapshotStore()
        let updater = IdentityGraphUpdater(store: store)
        _ = try await store.apply(
            SnapshotBatch(
                connector: "hubspot", contacts: [Self.contact("1", email: "jane@acme.example", phone: "+14155550134")]),
            cursors: [])
        _ = try await store.apply(
            SnapshotBatch(
                connector: "salesforce",
                contacts: [Self.contact("9", email: "jane@acme.example", phone: "+14155550199")]),
            cursors: [])
        try await updater.update()
        let joined = try await Self.person(store, "crm:hubspot:1")
        #expect(joined != nil)
        #expect(try await Self.person(store, "crm:salesforce:9") == joined)
        #expect(try await Self.person(store, "phone:\(SHA256.hex("+14155550199"))") == joined)

        try await store.deleteContact(connector: "salesforce", id: "9")
        try await updater.update()
        #expect(try await Self.person(store, "crm:salesforce:9") == nil)
        #expect(try await Self.person(store, "phone:\(SHA256.hex("+14155550199"))") == nil)
        #expect(
            try await Self.person(store, "email:\(SHA256.hex("jane@acme.example"))")
                == Self.person(store, "crm:hubspot:1"))
    }

    @Test func twoRecordsOfOneCRMStayApartUntilTheCRMMergesThem() async throws {
        let store = InMemorySnapshotStore()
        let updater = IdentityGraphUpdater(store: store)
        let click = ClickID(contactID: "2", kind: .gclid, value: "Cj0-late", clickedAt: SnapshotFixtures.at(hours: 2))
        _ = try await store.apply(
            SnapshotBatch(
                connector: "hubspot",
                contacts: [
                    Self.contact("1", email: "team@acme.example"), Self.contact("2", email: "team@acme.example"),
                ],
                clickIDs: [click]),
            cursors: [])
        try await updater.update()
        #expect(try await Self.person(store, "crm:hubspot:1") != Self.person(store, "crm:hubspot:2"))

        try await store.mergeContact(connector: "hubspot", loser: "2", into: "1")
        try await updater.update()
        #expect(try await Self.person(store, "crm:hubspot:2") == nil)
        #expect(try await Self.person(store, "gclid:Cj0-late") == Self.person(store, "crm:hubspot:1"))
    }

    @Test func onlyTheChangedPartIsResolvedAndTheResultEqualsAFullRebuild() async throws {
        let store = InMemorySnapshotStore()
        let updater = IdentityGraphUpdater(store: store)
        let contacts = (0..<200).map {
            Self.contact("\($0)", email: "p\($0)@acme.example", phone: "+1415555\($0 + 1000)")
        }
        _ = try await store.apply(SnapshotBatch(connector: "hubspot", contacts: contacts), cursors: [])
        let first = try await updater.update()
        #expect(first.dirty == 600)

        let changed = Self.contact("7", email: "p7@acme.example", phone: "+14155550000", hours: 5)
        _ = try await store.apply(SnapshotBatch(connector: "hubspot", contacts: [changed]), cursors: [])
        let second = try await updater.update()
        #expect(second.dirty == 4, "the record, its email, its old and its new phone")
        #expect(second.resolved <= 4)

        var rebuilt = IdentityGraph()
        let everything =
            (try await store.identityLinks(touching: ["crm:hubspot:7"] + (0..<200).map { "crm:hubspot:\($0)" }))
        rebuilt.add(
            everything.compactMap { link in
                guard let left = GraphIdentifier(link.left), let right = GraphIdentifier(link.right) else { return nil }
                return IdentityEdge(time: link.time.millisecondsSinceEpoch, left: left, right: right)
            })
        for link in everything {
            for identifier in [link.left, link.right] {
                #expect(
                    try await Self.person(store, identifier)
                        == GraphIdentifier(identifier).flatMap { rebuilt.personID(of: $0) })
            }
        }
        #expect(
            try await Self.person(store, "phone:\(SHA256.hex("+14155551007"))") == nil, "the old phone left the graph")
    }

    @Test func aFullRebuildEqualsPieceByPieceResolution() async throws {
        let noisy = SyntheticIdentityGraph(persons: 300, seed: 5, noise: .learningSpec)
        let links = noisy.edges.map {
            IdentityLink($0.left.description, $0.right.description, time: Timestamp(millisecondsSinceEpoch: $0.time))
        }
        var stores: [InMemorySnapshotStore] = []
        for threshold in [Int.max, 0] {
            let store = InMemorySnapshotStore()
            for (index, chunk) in stride(from: 0, to: links.count, by: 100).enumerated() {
                try await store.replaceIdentityLinks(
                    source: "log-\(index)", with: Array(links[chunk..<min(chunk + 100, links.count)]))
            }
            let report = try await IdentityGraphUpdater(store: store).update(batchSize: 50, rebuildThreshold: threshold)
            #expect(report.dirty > 1_000)
            stores.append(store)
        }
        let identifiers = Set(links.flatMap { [$0.left, $0.right] })
        let incremental = try await stores[0].persons(of: Array(identifiers))
        let rebuilt = try await stores[1].persons(of: Array(identifiers))
        #expect(incremental.count == identifiers.count)
        #expect(incremental == rebuilt)
    }
}
