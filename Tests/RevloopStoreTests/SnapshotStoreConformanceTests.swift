import Foundation
import RevloopCore
import RevloopStore
import RevloopTesting
import Testing

/// Both store implementations, for parameterized tests.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, inMemory

    var testDescription: String { rawValue }

    func make() throws -> any SnapshotStore & RunStore & IdentityLinkStore & LedgerStore & LeaseStore & PauseStore
        & AlertStore & SpendStore & ModelRegistry
    {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "revloop-tests-\(UUID().uuidString)")
            return try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        case .inMemory:
            return InMemorySnapshotStore()
        }
    }
}

@Suite struct SnapshotStoreConformanceTests {
    @Test(arguments: StoreBackend.allCases, SnapshotStoreConformance.allCases)
    func conforms(backend: StoreBackend, check: SnapshotStoreConformance) async throws {
        try await check.run(on: backend.make())
    }
}
