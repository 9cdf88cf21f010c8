import Foundation
import RevloopConnectors
import RevloopCore
import RevloopStore
import RevloopTesting

/// Temporary folders and one-call pulls for connector tests.
enum ExportTestSupport {
    static func temporaryFolder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("revloop-\(name)-\(UUID().uuidString)")
            .path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The bundled sample export.
    static let sampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("connectors/sample").path

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func connector(path: String, batchSize: Int = 2000, rebase: ConnectorConfig.TimestampRebase = .none)
        -> ConnectorConfig
    {
        var config = ConnectorConfig(name: "test", kind: .file, sourcePath: "connectors/test.yaml")
        config.exportDirectory = path
        config.batchSize = batchSize
        config.timestampRebase = rebase
        return config
    }

    /// Pulls into `store`; returns the diagnostics and the summed outcome.
    @discardableResult
    static func pull(
        _ config: ConnectorConfig, into store: any SnapshotStore, asOf: Timestamp = SnapshotFixtures.epoch,
        failAfterPages: Int? = nil
    ) async throws -> (outcome: ApplyOutcome, diagnostics: [Diagnostic]) {
        let source = try FileExportSource(config: config)
        var outcome = ApplyOutcome()
        var diagnostics: [Diagnostic] = []
        var pages = 0
        try await source.pull(from: try await store.cursors(connector: config.name), asOf: asOf) { page in
            if let failAfterPages, pages == failAfterPages { throw SimulatedCrash() }
            outcome.add(try await store.apply(page.batch, cursors: page.cursors))
            diagnostics += page.diagnostics
            pages += 1
        }
        return (outcome, diagnostics)
    }

    struct SimulatedCrash: Error {}
}
