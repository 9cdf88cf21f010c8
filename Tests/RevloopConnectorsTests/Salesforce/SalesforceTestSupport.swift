import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting

/// A Salesforce emulator on a loopback port.
struct SalesforceHarness {
    /// The sample's "today": every generated event is before its midnight.
    static let anchor = SnapshotFixtures.epoch.utcDay
    static let asOf = anchor.startInUTC
    static let client = SalesforceEmulator.RefreshClient(
        clientID: "revloop-app", clientSecret: "app-secret", refreshToken: "refresh-1")

    let emulator: SalesforceEmulator
    let server: LoopbackServer

    // `minimumBatchSize` is the smallest page the emulator honours (Salesforce's 200, lowered so a few
    // hundred opportunities make many pages).
    init(
        deals: Int = 300, seed: UInt64 = 7, options: SalesforceEmulator.Options? = nil,
        isMultiCurrency: Bool = true, minimumBatchSize: Int = 10, faults: SandboxFaults = SandboxFaults()
    ) throws {
        var options = options ?? SalesforceEmulator.Options(refreshClients: [Self.client])
        options.isMultiCurrency = isMultiCurrency
        options.minimumBatchSize = minimumBatchSize
        emulator = SalesforceEmulator(
            dataset: SalesforceSampleDataset.make(seed: seed, dealCount: deals, anchor: Self.anchor), options: options,
            faults: faults, clock: FixedWallClock(Self.asOf))
        server = try emulator.serve()
    }

    static func opportunityID(_ number: Int) -> String { SalesforceDataset.id(prefix: "006", number: Int64(number)) }
    static func contactID(_ number: Int) -> String { SalesforceDataset.id(prefix: "003", number: Int64(number)) }
}
