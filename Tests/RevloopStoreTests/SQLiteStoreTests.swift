import Foundation
import RevloopCore
import RevloopStore
import RevloopTesting
import Testing

@Suite struct SQLiteStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revloop-sqlite-\(UUID().uuidString)")

    @Test func createsItsFolderAndReopensWithTheDataInPlace() async throws {
        let path = folder.appendingPathComponent("nested/store.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.counts().deals == 1)
        #expect(try await reopened.deal(connector: SnapshotFixtures.connector, id: "d-1") == SnapshotFixtures.deal())
    }

    @Test func usesWriteAheadLogging() async throws {
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func reportsAPathThatCannotBeCreated() throws {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/proc/revloop/store.sqlite") }
    }
}
