import Foundation
import RevloopCommands
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// The bundled project delivered to the emulators by the job `upload` and `sync` run.
@Suite struct DeliveryJobTests {
    @Test func everyDestinationDeliversAtOnceAndOneStoppedOrPausedDestinationHoldsUpNoOther() async throws {
        let (store, plan) = try await PlanJobTests.bundledSample("delivery-job")
        let project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        var config = try #require(project.config)
        let sandbox = AdPlatformSandbox(clock: FixedWallClock(PlanJobTests.asOf))
        let server = try sandbox.serve()
        defer { server.stop() }
        for name in config.destinations.keys { config.destinations[name]?.baseURL = server.baseURL.absoluteString }
        // LinkedIn pinned to a version it retired: that destination stops, the others deliver.
        config.destinations["linkedin"]?.apiVersion = "202401"
        func job(_ config: ProjectConfig) -> DeliveryJob {
            var job = DeliveryJob(
                store: store, config: config, mappings: project.mappings, planner: plan.planner,
                connectors: project.connectors, transport: URLSessionHTTPTransport(), settings: DeliverySettings())
            job.secrets = SecretResolver(
                environment: ["GOOGLE_ACCESS_TOKEN": "g", "META_ACCESS_TOKEN": "m", "LINKEDIN_ACCESS_TOKEN": "l"],
                readFile: { _ in nil })
            job.wallClock = FixedWallClock(PlanJobTests.asOf)
            return job
        }
        // Meta's goal paused by command (a kill switch): planned, held back, sent once resumed.
        try await store.pause("meta/meta-pipeline", reason: "test", at: PlanJobTests.asOf)
        let first = try await job(config).run()
        let byName = Dictionary(uniqueKeysWithValues: first.map { ($0.destination, $0.summary) })
        #expect(byName["google"]?.accepted == 150)
        #expect(byName["meta"]?.accepted == 0 && byName["meta"]?.paused == 202)
        #expect(byName["linkedin"]?.stopped?.contains("NONEXISTENT_VERSION") == true)
        #expect(byName["linkedin"]?.accepted == 0)

        // With a live version and Meta resumed, only they have anything left to send; then nothing is left.
        config.destinations["linkedin"]?.apiVersion = "202611"
        try await store.resume("meta/meta-pipeline")
        let second = try await job(config).run()
        #expect(second.map(\.destination) == ["linkedin", "meta"])
        #expect(second.map(\.summary.accepted) == [522, 202])
        #expect(try await job(config).run().isEmpty)
        let held = sandbox.tally.snapshot()
        #expect(held[.googleDataManager]?.held == 150 && held[.meta]?.held == 202 && held[.linkedIn]?.held == 522)
        let states = try await store.ledgerEntries().values.reduce(into: [LedgerEntry.State: Int]()) {
            $0[$1.state, default: 0] += 1
        }
        #expect(states == [.accepted: 150 + 202 + 522])
    }
}
