import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopTesting
import Testing

/// `HubSpotSource` against the HubSpot emulator over loopback sockets, in both path styles.
@Suite struct HubSpotConformanceTests {
    @Test(arguments: CRMSourceConformance.allCases, ConnectorConfig.HubSpotPathStyle.allCases)
    func hubSpotSource(check: CRMSourceConformance, style: ConnectorConfig.HubSpotPathStyle) async throws {
        let harness = try HubSpotHarness()
        let config = harness.config(style: style)
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: HubSpotHarness.asOf,
            secondPullAsOf: HubSpotHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 16, 20],
            mergeContacts: {
                // Contacts 3 and 2 have deals of their own and click ids.
                harness.emulator.mergeContact(3, into: 2, at: HubSpotHarness.asOf.adding(milliseconds: 3_600_000))
                return [ContactMerge(loser: "3", survivor: "2")]
            }, makeSource: { try harness.source(config) })
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
    }
}
