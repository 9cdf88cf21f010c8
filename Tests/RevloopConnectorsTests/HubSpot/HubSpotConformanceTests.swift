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
            secondPullAsOf: HubSpotHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 16, 20]
        ) { try harness.source(config) }
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
    }
}
