import RevloopConnectors
import RevloopCore
import RevloopSandbox
import RevloopTesting
import Testing

/// `SalesforceSource` against the Salesforce emulator over loopback sockets, in a multi-currency and in a
/// single-currency org.
@Suite struct SalesforceConformanceTests {
    @Test(arguments: CRMSourceConformance.allCases, [true, false])
    func salesforceSource(check: CRMSourceConformance, isMultiCurrency: Bool) async throws {
        let harness = try SalesforceHarness(isMultiCurrency: isMultiCurrency)
        let config = harness.config(isMultiCurrency: isMultiCurrency)
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: SalesforceHarness.asOf,
            secondPullAsOf: SalesforceHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 9, 12],
            mergeContacts: { Self.merge(harness) }, makeSource: { try harness.source(config) })
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
    }

    @Test(arguments: CRMSourceConformance.allCases)
    func salesforceSourceThroughBulkAPI(check: CRMSourceConformance) async throws {
        let harness = try SalesforceHarness()
        var bulkConfig = harness.config()
        bulkConfig.usesBulkAPI = true
        let config = bulkConfig
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: SalesforceHarness.asOf,
            secondPullAsOf: SalesforceHarness.asOf.adding(days: 1), crashAfterPages: [0, 1, 5, 9, 12],
            mergeContacts: { Self.merge(harness) }, makeSource: { try harness.source(config) })
        try await check.run(on: subject)
        #expect(harness.emulator.tally.badRequests == 0)
        #expect(harness.emulator.tally.bulkJobs > 0)
    }

    /// Merges contact 3 into contact 2 (each with an opportunity of its own and click ids), as a user does.
    private static func merge(_ harness: SalesforceHarness) -> [ContactMerge] {
        let loser = SalesforceHarness.contactID(3)
        let survivor = SalesforceHarness.contactID(2)
        harness.emulator.mergeContact(loser, into: survivor, at: SalesforceHarness.asOf.adding(milliseconds: 3_600_000))
        return [ContactMerge(loser: ContactID(loser), survivor: ContactID(survivor))]
    }
}
