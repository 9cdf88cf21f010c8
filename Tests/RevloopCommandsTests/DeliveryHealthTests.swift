import Foundation
import RevloopCommands
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// The alerts that read a run's health (token expiry, match-key rate) and the value shutdown, fired by
/// real runs of the bundled project against the emulators.
@Suite struct DeliveryHealthTests {
    static let day: Int64 = 86_400_000

    @Test func theTokenExpiryAndMatchRateAlertsAndTheValueShutdownFireAgainstTheEmulators() async throws {
        let (store, plan) = try await PlanJobTests.bundledSample("delivery-health")
        let project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        var config = try #require(project.config)
        let client = OAuthEmulator.Client(id: "li-client", secret: "li-secret", refreshToken: "li-refresh")
        // LinkedIn's endpoint says the refresh token has five days left.
        let sandbox = AdPlatformSandbox(
            clock: FixedWallClock(PlanJobTests.asOf),
            oauth: OAuthEmulator(clients: [client], refreshTokenSeconds: 5 * 86_400))
        let server = try sandbox.serve()
        defer { server.stop() }
        for name in config.destinations.keys { config.destinations[name]?.baseURL = server.baseURL.absoluteString }
        config.destinations["linkedin"]?.refreshToken = .environment("LI_REFRESH")
        config.destinations["linkedin"]?.clientID = client.id
        config.destinations["linkedin"]?.clientSecret = .environment("LI_SECRET")
        config.destinations["linkedin"]?.tokenURL = server.baseURL.absoluteString + "/oauth/v2/accessToken"
        var alerts = AlertConfig()
        alerts.tokenExpiryDays = 14
        alerts.matchRateDrop = 0.2
        alerts.pauseAboveMedianValue = 10
        config.alerts = alerts
        func job() -> DeliveryJob {
            var job = DeliveryJob(
                store: store, config: config, mappings: project.mappings, planner: plan.planner,
                connectors: project.connectors, transport: URLSessionHTTPTransport(), settings: DeliverySettings())
            job.secrets = SecretResolver(
                environment: [
                    "GOOGLE_ACCESS_TOKEN": "g", "META_ACCESS_TOKEN": "m", "LI_REFRESH": client.refreshToken,
                    "LI_SECRET": client.secret,
                ],
                readFile: { _ in nil })
            job.wallClock = FixedWallClock(PlanJobTests.asOf)
            return job
        }

        let (first, health) = try await job().runReporting()
        #expect(first.map(\.summary.accepted) == [150, 522, 202])
        #expect(health.valueOutliers.isEmpty)  // nothing delivered before: no median to judge by
        #expect(health.credentialExpiry == ["linkedin": PlanJobTests.asOf.adding(milliseconds: 5 * Self.day)])
        let rates = health.matchKeyRates
        // Google's goal had fewer than 20 conversions in the last week: too few for a rate. Meta matches every
        // one; LinkedIn misses the contacts with neither an email nor a LinkedIn click id.
        #expect(rates["google"] == nil && rates["meta"] == 1)
        let linkedInRate = try #require(rates["linkedin"])
        #expect(linkedInRate > 0.9 && linkedInRate < 0.99)
        // Against trailing medians: LinkedIn's 0.99 makes this run's rate a drop of more than 2%.
        alerts.matchRateDrop = 0.02
        let trailing = ["linkedin": [0.99, 0.98, 0.99], "meta": [1.0, 1.0, 1.0]]
        let figures = first.map { delivery in
            DeliveryAlerts.Figures(
                destination: delivery.destination, sent: delivery.summary.sent,
                rejected: delivery.summary.rejectedTotal, matchRate: rates[delivery.destination],
                credentialExpiresAt: health.credentialExpiry[delivery.destination])
        }
        let raised = DeliveryAlerts.evaluate(
            alerts, figures: figures,
            history: .init(deadLetters: 0, lastCleanSuccess: PlanJobTests.asOf, matchRates: trailing),
            now: PlanJobTests.asOf
        ).alerts
        #expect(raised.map(\.kind) == ["match_rate", "token_expiry"])
        #expect(raised.map(\.destination) == ["linkedin", "linkedin"])

        // A won deal's amount typed a thousand times too large: Google would restate it; the goal is paused
        // and alerted on instead, and the emulator receives nothing more.
        let google = try await store.ledgerEntries().values.filter {
            $0.goal == "google-closed-won" && $0.state == .accepted
        }.min { $0.key.rawValue < $1.key.rawValue }
        let entry = try #require(google)
        var deal = try #require(try await Self.deal(entry.dealID, in: store))
        let amount = try #require(deal.amount)
        deal.amount = Money(minorUnits: amount.minorUnits * 1_000, currency: amount.currency)
        deal.updatedAt = deal.updatedAt.adding(milliseconds: 1)
        _ = try await store.apply(SnapshotBatch(connector: entry.connector, deals: [deal]), cursors: [])
        let heldBefore = sandbox.tally.snapshot()[.googleDataManager]?.held
        let (second, secondHealth) = try await job().runReporting()
        let outlier = try #require(secondHealth.valueOutliers["google"]?.first)
        #expect(outlier.goal == "google-closed-won" && outlier.count == 1)
        #expect(try await store.pauses().keys.contains("google/google-closed-won"))
        #expect(second.first { $0.destination == "google" }?.summary.paused == 1)
        #expect(second.first { $0.destination == "google" }?.summary.sent == 0)
        #expect(sandbox.tally.snapshot()[.googleDataManager]?.held == heldBefore)
        let shutdown = DeliveryAlerts.evaluate(
            alerts,
            figures: [
                .init(
                    destination: "google", sent: 0, rejected: 0,
                    valueOutliers: secondHealth.valueOutliers["google"] ?? [])
            ], history: .init(deadLetters: 0, lastCleanSuccess: PlanJobTests.asOf), now: PlanJobTests.asOf
        ).alerts
        #expect(shutdown.map(\.kind) == ["value_outlier"])
        #expect(shutdown.first?.text.contains("revloop resume google/google-closed-won") == true)
    }

    static func deal(_ id: DealID, in store: SQLiteStore) async throws -> Deal? {
        var after: DealID?
        while true {
            let page = try await store.deals(connector: "sample", after: after, limit: 1_000)
            if let found = page.first(where: { $0.id == id }) { return found }
            guard let last = page.last else { return nil }
            after = last.id
        }
    }
}
