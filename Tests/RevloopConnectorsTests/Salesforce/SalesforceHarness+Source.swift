import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting

/// Connectors pointed at the harness's emulator.
extension SalesforceHarness {
    func config(pageSize: Int = 40, isMultiCurrency: Bool = true, timeoutSeconds: Int = 30) -> ConnectorConfig {
        var config = ConnectorConfig(name: "salesforce", kind: .salesforce, sourcePath: "connectors/salesforce.yaml")
        config.baseURL = server.baseURL.absoluteString
        config.refreshToken = .environment("SALESFORCE_REFRESH_TOKEN")
        config.clientID = Self.client.clientID
        config.clientSecret = .environment("SALESFORCE_CLIENT_SECRET")
        config.pageSize = pageSize
        config.isMultiCurrency = isMultiCurrency
        config.requestTimeoutSeconds = timeoutSeconds
        config.lostReasonField = SalesforceSampleDataset.lostReasonField
        config.clickIDProperties = [
            .gclid: "GCLID__c", .gbraid: "GBRAID__c", .wbraid: "WBRAID__c", .fbclid: "FBCLID__c",
            .linkedInFirstPartyID: "LI_FAT_ID__c",
        ]
        return config
    }

    static func secrets(refreshToken: String = "refresh-1", extra: [String: String] = [:]) -> SecretResolver {
        SecretResolver(
            environment: ["SALESFORCE_REFRESH_TOKEN": refreshToken, "SALESFORCE_CLIENT_SECRET": "app-secret"]
                .merging(extra) { $1 }
        ) { _ in nil }
    }

    /// A source on the emulator: real sockets, a manual clock (retries never sleep).
    func source(
        _ config: ConnectorConfig, clock: ManualDelayClock = ManualDelayClock(),
        retryPolicy: RetryPolicy = RetryPolicy(), secrets: SecretResolver = SalesforceHarness.secrets()
    ) throws -> SalesforceSource {
        try SalesforceSource(
            config: config, transport: URLSessionHTTPTransport(), clock: clock,
            wallClock: FixedWallClock(Self.asOf), retryPolicy: retryPolicy, secrets: secrets)
    }
}
