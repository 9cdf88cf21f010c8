import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopTesting
import Testing

/// `PipedriveSource` against the Pipedrive emulator over loopback sockets.
@Suite struct PipedriveConformanceTests {
    @Test(arguments: CRMSourceConformance.allCases)
    func pipedriveSource(check: CRMSourceConformance) async throws {
        let harness = try PipedriveHarness()
        let config = harness.config()
        // Pages: pipelines, persons (40 a page), deals, deleted deals: crashes land in the first three streams.
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: PipedriveHarness.asOf,
            secondPullAsOf: PipedriveHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 16, 20]
        ) { try harness.source(config) }
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
    }
}
