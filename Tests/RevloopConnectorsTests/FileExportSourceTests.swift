import Foundation
import RevloopConnectors
import RevloopCore
import RevloopStore
import RevloopTesting
import Testing

@Suite struct FileExportSourceTests {
    @Test func badRowsBecomeDiagnosticsWithFileLineAndFieldAndTheRestLoads() async throws {
        let store = InMemorySnapshotStore()
        let config = ExportTestSupport.connector(path: ExportTestSupport.fixture("bad-export"))
        let (outcome, diagnostics) = try await ExportTestSupport.pull(config, into: store)
        #expect(outcome.companies.inserted == 1)
        #expect(outcome.contacts.inserted == 3, "ct-1, ct-3 and ct-7, read after the unclosed quote on line 6")
        #expect(outcome.clickIDs.inserted == 1)
        #expect(outcome.deals.inserted == 2)
        let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
        let folder = ExportTestSupport.fixture("bad-export")
        #expect(
            errors == [
                "\(folder)/companies.csv:3: error: company co-2: field 'name': is empty; every company needs a name",
                "\(folder)/contacts.csv:3: error: contact ct-2: field 'created_at': has no time zone; "
                    + "write it with one (2024-06-03T10:00:00Z) or set 'timezone' in connectors/test.yaml",
                "\(folder)/contacts.csv:5: error: record without 'contact_id'; fill it in or remove the row",
                "\(folder)/contacts.csv:6: error: a quoted field is not closed within 50 lines; the row is skipped",
                "\(folder)/contacts.csv:7: error: the row has 16 fields where the header has 15; the row is skipped "
                    + "(quote values that contain commas)",
                "\(folder)/click_ids.csv:3: error: click id of contact ct-1: field 'kind': 'msclkid' is not one of: "
                    + "gclid, gbraid, wbraid, fbclid, li_fat_id",
                "\(folder)/deals.jsonl:2: error: deal d-2: field 'amount': '12,500' is not a plain decimal amount with at "
                    + "most 2 decimals in USD",
                "\(folder)/deals.jsonl:3: error: not a deal record: not valid JSON; the line is skipped",
                "\(folder)/deals.jsonl:5: error: not a deal record: field 'deal_id' is missing; the line is skipped",
            ])
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.count == 3)
        #expect(warnings.allSatisfy { $0.contains("contacts.csv:4: warning: contact ct-3: field '") })
        // Plaintext never leaves the parser: not in messages, not in the store.
        for text in ["Jane.Doe", "jane.doe", "hidden.person", "not-an-email", "555-0134", "Hidden", "shifted", "maybe"]
        {
            #expect(!diagnostics.contains { $0.description.contains(text) })
        }
        let dealWithoutAmount = try #require(try await store.deal(connector: "test", id: "d-4"))
        #expect(dealWithoutAmount.amount == nil)
        let contact = try #require(try await store.contact(connector: "test", id: "ct-1"))
        #expect(contact.consent == Consent(adUserData: .granted, adPersonalization: .denied, limitedDataUse: false))
        #expect(contact.identifiers.count == 7)
    }

    @Test func aSecondPullOfAnUnchangedExportReadsNothing() async throws {
        let folder = ExportTestSupport.temporaryFolder("unchanged")
        try SampleGenerator(seed: 3, dealCount: 200, anchor: SnapshotFixtures.epoch.utcDay).write(to: folder)
        let store = InMemorySnapshotStore()
        let config = ExportTestSupport.connector(path: folder)
        let first = try await ExportTestSupport.pull(config, into: store)
        #expect(first.outcome.deals.inserted == 200)
        let countsAfterFirst = try await store.counts()
        let second = try await ExportTestSupport.pull(config, into: store)
        #expect(second.outcome.total == RecordTally())
        #expect(second.diagnostics.isEmpty)
        #expect(try await store.counts() == countsAfterFirst)
    }

    @Test(arguments: [0, 1, 3, 7])
    func aPullThatDiesMidWayResumesWithoutLossOrDuplicates(failAfterPages: Int) async throws {
        let folder = ExportTestSupport.temporaryFolder("crash")
        try SampleGenerator(seed: 5, dealCount: 300, anchor: SnapshotFixtures.epoch.utcDay).write(to: folder)
        let config = ExportTestSupport.connector(path: folder, batchSize: 97)
        let reference = InMemorySnapshotStore()
        try await ExportTestSupport.pull(config, into: reference)

        let store = InMemorySnapshotStore()
        await #expect(throws: (any Error).self) {
            try await ExportTestSupport.pull(config, into: store, failAfterPages: failAfterPages)
        }
        let resumed = try await ExportTestSupport.pull(config, into: store)
        #expect(try await store.counts() == reference.counts())
        #expect(resumed.outcome.total.unchanged == 0, "a resumed pull starts after the last committed page")
        for id in ["d-1", "d-150", "d-300"] {
            #expect(
                try await store.deal(connector: "test", id: DealID(id))
                    == (await reference.deal(connector: "test", id: DealID(id))))
        }
    }

    @Test func aChangedFileIsReadAgainAndOnlyNewerRowsChange() async throws {
        let folder = ExportTestSupport.temporaryFolder("changed")
        try SampleGenerator(seed: 9, dealCount: 50, anchor: SnapshotFixtures.epoch.utcDay).write(to: folder)
        let store = InMemorySnapshotStore()
        let config = ExportTestSupport.connector(path: folder)
        try await ExportTestSupport.pull(config, into: store)
        let contactsPath = folder + "/contacts.csv"
        var lines = try String(contentsOfFile: contactsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[fields.count - 1] = "2026-11-30T00:00:00Z"
        lines[1] = fields.joined(separator: ",")
        lines.append(
            "ct-9999,co-1,new.person@example.com,,New,Person,,,,US,granted,granted,false,2026-11-30T00:00:00Z,2026-11-30T00:00:00Z"
        )
        try (lines.joined(separator: "\n") + "\n").write(toFile: contactsPath, atomically: false, encoding: .utf8)
        let (outcome, _) = try await ExportTestSupport.pull(config, into: store)
        #expect(outcome.contacts.inserted == 1)
        #expect(outcome.contacts.updated == 1)
        #expect(outcome.contacts.unchanged == lines.count - 3)
        #expect(outcome.deals == RecordTally(), "deals.jsonl did not change, so it is not read")
    }

    @Test func rebasedTimestampsArePinnedAtTheFirstPull() async throws {
        let folder = ExportTestSupport.temporaryFolder("rebase")
        let anchor = SnapshotFixtures.epoch.utcDay
        try SampleGenerator(seed: 4, dealCount: 20, anchor: anchor).write(to: folder)
        let plain = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: plain)
        let store = InMemorySnapshotStore()
        let config = ExportTestSupport.connector(path: folder, rebase: .runDate)
        try await ExportTestSupport.pull(
            config, into: store, asOf: anchor.adding(days: 10).startInUTC.adding(milliseconds: 5))
        let original = try #require(try await plain.deal(connector: "test", id: "d-1"))
        let shifted = try #require(try await store.deal(connector: "test", id: "d-1"))
        #expect(shifted.createdAt == original.createdAt.adding(days: 10))
        #expect(shifted.stageHistory.map(\.enteredAt) == original.stageHistory.map { $0.enteredAt.adding(days: 10) })
        #expect(try await store.cursor(connector: "test", stream: FileExportSource.rebaseStream)?.value == "10")
        // A later pull on another day keeps the pinned shift: deals.jsonl, touched so it is read again,
        // finds every deal unchanged.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_800_000_000)], ofItemAtPath: folder + "/deals.jsonl")
        let later = try await ExportTestSupport.pull(config, into: store, asOf: anchor.adding(days: 40).startInUTC)
        #expect(later.outcome.deals == RecordTally(unchanged: 20))
        #expect(try await store.deal(connector: "test", id: "d-1") == shifted)
    }

    @Test func aMissingColumnStopsThePullWithTheColumnsNamed() async throws {
        let folder = ExportTestSupport.temporaryFolder("columns")
        try "company_id,name\nco-1,Acme\n".write(toFile: folder + "/companies.csv", atomically: true, encoding: .utf8)
        let config = ExportTestSupport.connector(path: folder)
        await #expect {
            try await ExportTestSupport.pull(config, into: InMemorySnapshotStore())
        } throws: { error in
            "\(error)".contains("companies.csv:1: error: missing columns created_at, updated_at")
        }
    }
}
