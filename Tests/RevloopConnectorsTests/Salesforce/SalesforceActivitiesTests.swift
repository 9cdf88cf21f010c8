import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// Salesforce's Tasks (calls, emails) and Events (meetings) reach the store as the sales-led activities the
/// file export carries, those logged on converted leads credited to their contacts.
@Suite struct SalesforceActivitiesTests {
    static let deals = 200
    static let seed: UInt64 = 11

    @Test func tasksAndEventsArriveAsTheSampleExportsSalesLedActivities() async throws {
        let harness = try SalesforceHarness(deals: Self.deals, seed: Self.seed)
        let store = InMemorySnapshotStore()
        let tally = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: SalesforceHarness.asOf)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)

        let expected = ActivityTestSupport.salesLedCount(
            seed: Self.seed, deals: Self.deals, anchor: SalesforceHarness.anchor)
        #expect(expected > 100)
        // Deleted calls and to-dos are in the org too, and are no touches.
        let dataset = SalesforceSampleDataset.make(
            seed: Self.seed, dealCount: Self.deals, anchor: SalesforceHarness.anchor)
        let tasks = dataset.objects["Task"] ?? []
        #expect(tasks.contains { $0.fields["IsDeleted"] == .boolean(true) })
        #expect(tasks.contains { $0.fields["TaskSubtype"] == .string("Task") })
        #expect(
            tasks.contains { task in
                guard case .string(let who) = task.fields["WhoId"] else { return false }
                return who.hasPrefix("00Q")
            }, "some touches name the contact's converted lead")
        #expect(try await store.counts().activities == expected)

        let export = try await ActivityTestSupport.exportStore(
            seed: Self.seed, deals: Self.deals, anchor: SalesforceHarness.anchor)
        let (compared, touched) = try await ActivityTestSupport.expectSameSalesLedFeatures(
            store, connector: "salesforce", export: export, deals: Self.deals, asOf: SalesforceHarness.asOf,
            id: { SalesforceHarness.opportunityID($0) })
        #expect(compared == Self.deals)
        #expect(touched > Self.deals / 4)
        print(
            "salesforce: \(expected) sales-led activities stored of \(tasks.count + (dataset.objects["Event"] ?? []).count) tasks and events; sales-led features equal the export's "
                + "for \(compared) deals, \(touched) of them with a sales touch")

        let second = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: SalesforceHarness.asOf.adding(days: 1))
        #expect(second.outcome.activities.inserted == 0)
        #expect(try await store.counts().activities == expected)

        // A call deleted in Salesforce after it was pulled (IsDeleted, read by queryAll) leaves the store.
        let call = try #require(
            tasks.first { $0.fields["TaskSubtype"] == .string("Call") && $0.fields["IsDeleted"] == .boolean(false) })
        harness.emulator.update(
            "Task", call.id, fields: ["IsDeleted": .boolean(true)],
            at: SalesforceHarness.asOf.adding(days: 1).adding(milliseconds: 7_200_000))
        let third = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: SalesforceHarness.asOf.adding(days: 2))
        #expect(third.outcome.activities.inserted == 0)
        #expect(try await store.counts().activities == expected - 1)
    }

    @Test func aPullCrashedInTheActivityStreamsResumesWithoutLossOrDuplicates() async throws {
        let harness = try SalesforceHarness(deals: 120, seed: 5)
        let config = harness.config(pageSize: 20)
        let whole = try await CRMSourceConformance.pull(
            try harness.source(config), into: InMemorySnapshotStore(), asOf: SalesforceHarness.asOf)
        #expect(whole.outcome.activities.inserted > 0)
        // The last pages are the tasks' and events' streams.
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: SalesforceHarness.asOf,
            crashAfterPages: [whole.pages - 1, whole.pages - 3, whole.pages - 6]
        ) { try harness.source(config) }
        try await CRMSourceConformance.aCrashedPullResumesWithoutLossOrDuplicates.run(on: subject)
    }
}
