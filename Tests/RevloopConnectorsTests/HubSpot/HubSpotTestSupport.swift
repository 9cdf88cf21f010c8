import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting

/// A HubSpot emulator on a loopback port and connectors pointed at it.
struct HubSpotHarness {
    /// The sample's "today": every generated event is before its midnight.
    static let anchor = SnapshotFixtures.epoch.utcDay
    static let asOf = anchor.startInUTC
    static let token = "pat-na1-sandbox-0001"

    let emulator: HubSpotEmulator
    let server: LoopbackServer

    init(
        deals: Int = 300, seed: UInt64 = 7, options: HubSpotEmulator.Options = HubSpotEmulator.Options(),
        faults: SandboxFaults = SandboxFaults()
    ) throws {
        emulator = HubSpotEmulator(
            dataset: Self.dataset(deals: deals, seed: seed), options: options, faults: faults,
            clock: FixedWallClock(Self.asOf))
        server = try emulator.serve()
    }

    /// Datasets are generated once per size and seed (10,000 deals take a moment).
    static func dataset(deals: Int, seed: UInt64) -> HubSpotDataset {
        HubSpotSampleDataset.make(seed: seed, dealCount: deals, anchor: anchor)
    }

    func config(
        style: ConnectorConfig.HubSpotPathStyle = .v3, pageSize: Int = 40, timeoutSeconds: Int = 30
    ) -> ConnectorConfig {
        var config = ConnectorConfig(name: "hubspot", kind: .hubspot, sourcePath: "connectors/hubspot.yaml")
        config.baseURL = server.baseURL.absoluteString
        config.accessToken = .environment("HUBSPOT_TOKEN")
        config.hubSpotPathStyle = style
        config.pageSize = pageSize
        config.requestTimeoutSeconds = timeoutSeconds
        return config
    }

    static func secrets(token: String = HubSpotHarness.token) -> SecretResolver {
        SecretResolver(environment: ["HUBSPOT_TOKEN": token, "HUBSPOT_CLIENT_SECRET": "client-secret"]) { _ in nil }
    }

    /// A source on the emulator: real sockets, a manual clock (retries and pacing never sleep).
    func source(
        _ config: ConnectorConfig, clock: ManualDelayClock = ManualDelayClock(),
        retryPolicy: RetryPolicy = RetryPolicy(), secrets: SecretResolver = HubSpotHarness.secrets()
    ) throws -> HubSpotSource {
        try HubSpotSource(
            config: config, transport: URLSessionHTTPTransport(), clock: clock, retryPolicy: retryPolicy,
            secrets: secrets)
    }
}
