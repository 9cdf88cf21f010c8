import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// HubSpot's meetings, calls and emails reach the store as the sales-led activities the file export carries.
@Suite struct HubSpotActivitiesTests {
    static let deals = 200
    static let seed: UInt64 = 11

    @Test(arguments: ConnectorConfig.HubSpotPathStyle.allCases)
    func engagementsArriveAsTheSampleExportsSalesLedActivities(style: ConnectorConfig.HubSpotPathStyle)
        async throws
    {
        let harness = try HubSpotHarness(deals: Self.deals, seed: Self.seed)
        let store = InMemorySnapshotStore()
        let source = try harness.source(harness.config(style: style))
        let tally = try await CRMSourceConformance.pull(source, into: store, asOf: HubSpotHarness.asOf)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(!tally.diagnostics.contains { $0.description.contains("hs_timestamp") })

        let expected = ActivityTestSupport.salesLedCount(
            seed: Self.seed, deals: Self.deals, anchor: HubSpotHarness.anchor)
        let engagements = HubSpotHarness.dataset(deals: Self.deals, seed: Self.seed).engagements
        #expect(expected > 100)
        // The inbound emails the emulator also holds are the contacts' own, no touch: left out.
        #expect(engagements.count > expected)
        #expect(try await store.counts().activities == expected)
        #expect(tally.outcome.activities.inserted == expected)

        let export = try await ActivityTestSupport.exportStore(
            seed: Self.seed, deals: Self.deals, anchor: HubSpotHarness.anchor)
        let (compared, touched) = try await ActivityTestSupport.expectSameSalesLedFeatures(
            store, connector: "hubspot", export: export, deals: Self.deals, asOf: HubSpotHarness.asOf,
            id: { String($0) })
        #expect(compared == Self.deals)
        #expect(touched > Self.deals / 4, "most sample deals have a sales touch")
        print(
            "hubspot: \(expected) sales-led activities stored of \(engagements.count) objects; sales-led features equal the export's "
                + "for \(compared) deals, \(touched) of them with a sales touch")

        // A second pull (a day later, re-reading the look-back overlap) brings no activity again.
        let second = try await CRMSourceConformance.pull(
            try harness.source(harness.config(style: style)), into: store,
            asOf: HubSpotHarness.asOf.adding(days: 1))
        #expect(second.outcome.activities.inserted == 0)
        #expect(try await store.counts().activities == expected)
    }

    @Test func aPullCrashedInTheEngagementStreamsResumesWithoutLossOrDuplicates() async throws {
        let harness = try HubSpotHarness(deals: 120, seed: 5)
        let config = harness.config(pageSize: 20)
        let whole = try await CRMSourceConformance.pull(
            try harness.source(config), into: InMemorySnapshotStore(), asOf: HubSpotHarness.asOf)
        #expect(whole.outcome.activities.inserted > 0)
        // The last pages are the meetings', calls' and emails' streams.
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: HubSpotHarness.asOf,
            crashAfterPages: [whole.pages - 1, whole.pages - 3, whole.pages - 6]
        ) { try harness.source(config) }
        try await CRMSourceConformance.aCrashedPullResumesWithoutLossOrDuplicates.run(on: subject)
    }
}
