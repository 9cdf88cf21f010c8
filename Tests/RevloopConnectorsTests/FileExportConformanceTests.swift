import Foundation
import RevloopConnectors
import RevloopCore
import RevloopTesting
import Testing

/// The file connector against the shared `CRMSource` checks, on a generated export.
@Suite struct FileExportConformanceTests {
    static let folder: String = {
        let folder = ExportTestSupport.temporaryFolder("conformance")
        _ = try? SampleGenerator(seed: 21, dealCount: 300, anchor: SnapshotFixtures.epoch.utcDay).write(to: folder)
        return folder
    }()

    @Test(arguments: CRMSourceConformance.allCases)
    func fileExportSource(check: CRMSourceConformance) async throws {
        let config = ExportTestSupport.connector(path: Self.folder, batchSize: 97)
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: SnapshotFixtures.epoch, crashAfterPages: [0, 1, 4, 9]
        ) { try FileExportSource(config: config) }
        try await check.run(on: subject)
    }
}
