import Foundation
import RevloopPersonalization
import RevloopStore
import RevloopTesting
import Testing

/// The real engine passes the same seam conformance suite as the decision API's in-memory twin, over the
/// in-memory decision log and over the SQLite store.
@Suite struct PersonalizationEngineConformanceTests {
    enum LogBackend: String, CaseIterable, CustomTestStringConvertible {
        case inMemory, sqlite
        var testDescription: String { rawValue }
    }

    static func subject(_ backend: LogBackend) -> DecisionEngineConformanceSubject {
        // On "hero" a visitor with no profile and no context may see the guide, the fintech case study, the
        // gated pricing sheet, the prospects' demo offer and the webinar; the customers' admin tips are not
        // eligible.
        DecisionEngineConformanceSubject(surface: "hero", eligibleBlocks: 5) {
            switch backend {
            case .inMemory: return try await EngineFixtures.engine()
            case .sqlite:
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "revloop-engine-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
                return try await EngineFixtures.engine(log: store)
            }
        }
    }

    @Test(arguments: LogBackend.allCases, DecisionEngineConformance.allCases)
    func theProjectEngineConforms(backend: LogBackend, check: DecisionEngineConformance) async throws {
        try await check.run(on: Self.subject(backend))
    }
}
