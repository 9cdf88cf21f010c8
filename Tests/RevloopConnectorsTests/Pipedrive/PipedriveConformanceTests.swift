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
        // Pages: pipelines, persons (40 a page), the persons reconcile (40 stored persons a page), deals, deleted
        // deals: crashes land in the first four streams.
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: PipedriveHarness.asOf,
            secondPullAsOf: PipedriveHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 16, 20, 30],
            mergeContacts: {
                let (loser, survivor) = try harness.mergeablePair()
                harness.emulator.mergePerson(
                    loser, into: survivor, at: PipedriveHarness.asOf.adding(milliseconds: 3_600_000))
                return [ContactMerge(loser: ContactID(String(loser)), survivor: ContactID(String(survivor)))]
            },
            makeSourceReading: { roster in try harness.source(config, roster: roster) })
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
    }
}
