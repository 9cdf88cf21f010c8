import Foundation
import RevloopCommands
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// Spend from the three reporting APIs, read from their emulators over loopback with faults on.
@Suite struct SpendJobTests {
    static let through = CalendarDay(daysSinceEpoch: 20_785)  // 2026-11-28
    static let asOf = Timestamp(millisecondsSinceEpoch: 1_795_910_400_000)  // 2026-11-29

    static func config(baseURL: String) throws -> ProjectConfig {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            destinations:
              google: { platform: google_data_manager, access_token: "${env:T}", base_url: "\(baseURL)", ad_account: "123-456-7890" }
              meta: { platform: meta, access_token: "${env:T}", base_url: "\(baseURL)", ad_account: act_42 }
              linkedin: { platform: linkedin, access_token: "${env:T}", base_url: "\(baseURL)", ad_account: "urn:li:sponsoredAccount:7" }
              quiet: { platform: meta, access_token: "${env:T}", base_url: "\(baseURL)" }
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        let config = try #require(ProjectConfig.read(document, folder: "", diagnostics: &diagnostics))
        #expect(diagnostics.isEmpty)
        return config
    }

    @Test func eachPlatformsDailyCampaignSpendIsReadThroughThrottlingAndServerErrors() async throws {
        // A third of the requests throttled and a fifth failing: every report still arrives, retried at once.
        let sandbox = AdPlatformSandbox(
            faults: SandboxFaults(.init(serverError: 0.2, throttled: 0.3, retryAfterSeconds: 0), seed: 5),
            clock: FixedWallClock(Self.asOf))
        let server = try sandbox.serve()
        defer { server.stop() }
        let store = InMemorySnapshotStore()
        var job = SpendJob(
            store: store, config: try Self.config(baseURL: server.baseURL.absoluteString),
            transport: URLSessionHTTPTransport())
        job.secrets = SecretResolver(environment: ["T": "token"], readFile: { _ in nil })
        job.wallClock = FixedWallClock(Self.asOf)
        let delays = ManualDelayClock()
        job.delayClock = delays
        // 300 days: Meta's 600 rows take two pages of 500.
        let from = Self.through.adding(days: -299)
        let outcomes = try await job.run(from: from, through: Self.through)
        #expect(outcomes.map(\.destination) == ["google", "linkedin", "meta"])
        #expect(outcomes.allSatisfy { $0.error == nil })
        #expect(outcomes.map(\.rows) == [900, 600, 600])
        #expect(outcomes.map(\.campaigns) == [3, 2, 2])
        let rows = try await store.spend(from: nil, through: nil)
        #expect(rows.count == 2_100)
        #expect(Set(rows.map(\.day)).count == 300 && rows.first?.day == from && rows.last?.day == Self.through)
        #expect(Set(rows.map(\.channel)) == ["google", "meta", "linkedin"])
        #expect(rows.allSatisfy { $0.spend.currency == .usd && $0.spend.minorUnits > 0 && $0.clicks > 0 })
        // Campaign names where the API gives them, the campaign URN where it does not (LinkedIn).
        #expect(
            Set(rows.map(\.campaign)) == [
                "Brand search", "Non-brand search", "Performance Max", "Prospecting", "Retargeting",
                "urn:li:sponsoredCampaign:3001", "urn:li:sponsoredCampaign:3002",
            ])
        // Brand search's budget is 400.00 a day; every day's spend is 80% to 120% of it.
        #expect(
            rows.filter { $0.campaign == "Brand search" }.allSatisfy { (32_000...48_000).contains($0.spend.minorUnits) }
        )
        let stats = sandbox.tally.snapshot()
        let faults = stats.values.reduce(0) { $0 + $1.throttled + $1.serverErrors }
        #expect(faults > 0 && delays.waits.count == faults)

        // Pulled again, the days are restated, not added.
        _ = try await job.run(from: Self.through.adding(days: -6), through: Self.through)
        #expect(try await store.spend(from: nil, through: nil).count == 2_100)
    }

    @Test func aRefusedTokenAndAnUnknownAccountAreNamedAndTheOthersStillSave() async throws {
        let sandbox = AdPlatformSandbox(clock: FixedWallClock(Self.asOf))
        let server = try sandbox.serve()
        defer { server.stop() }
        var config = try Self.config(baseURL: server.baseURL.absoluteString)
        config.destinations["meta"]?.adAccount = "my-account"
        config.destinations["linkedin"]?.apiVersion = "202401"
        let store = InMemorySnapshotStore()
        var job = SpendJob(store: store, config: config, transport: URLSessionHTTPTransport())
        job.secrets = SecretResolver(environment: ["T": "token"], readFile: { _ in nil })
        let outcomes = try await job.run(from: Self.through.adding(days: -6), through: Self.through)
        let errors = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.destination, $0.error) })
        #expect(errors["google"] == .some(nil))
        #expect(errors["meta"]??.contains("'my-account' is not an ad account id") == true)
        #expect(errors["linkedin"]??.contains("HTTP 426") == true)
        #expect(try await store.spend(from: nil, through: nil).count == 21)
    }

    @Test func microsBecomeMinorUnitsRoundedHalfUp() throws {
        #expect(GoogleAdsSpendReport.minorUnits(micros: 12_345_000, currency: .usd) == 1_235)
        #expect(GoogleAdsSpendReport.minorUnits(micros: 12_344_999, currency: .usd) == 1_234)
        let yen = try #require(CurrencyCode("JPY"))
        #expect(GoogleAdsSpendReport.minorUnits(micros: 1_500_000, currency: yen) == 2)
    }
}
