import Foundation
import RevloopCore
import RevloopPersonalization
import RevloopStore
import RevloopTesting
import Testing

@Suite("Profiles from the store")
struct StoreProfileSourceTests {
    @Test func aVisitorLinkedToACRMContactGetsFirmographicsStageFlagsAndRecentContent() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "profiles-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("revloop.sqlite").path)
        // ct-1 works at co-1 (Software, 120 employees) and is on deal d-1, which was won.
        _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
        try await store.saveResolution(
            ["visitor:laptop": "p-1", "cookie:phone": "p-1", "crm:fixture:ct-1": "p-1"], resolved: [])
        try await store.setPersonalizationFlag("competitor", on: "crm:fixture:ct-1")
        try await store.setPersonalizationAttribute("lead_score", value: "55", on: "crm:fixture:ct-1")
        try await store.setPersonalizationAttribute("persona", value: "cfo", on: "visitor:laptop")
        let clock = FixedWallClock(EngineFixtures.epoch)
        let profiles = StoreProfileSource(store: store, clock: clock)
        // Content engaged with on the phone counts for the laptop: the same person.
        let engine = try await PersonalizationEngine.open(
            inventory: EngineFixtures.inventory, log: store, profiles: InMemoryProfileSource(), clock: clock, seed: 1)
        let onPhone = try await engine.decide(DecisionRequest(visitorID: "phone", surface: "footer", limit: 1))
        try await engine.record(DecisionOutcome(decisionID: onPhone.decisionID, reward: 1))

        let profile = try await profiles.profile(visitorID: "laptop")
        #expect(profile.personID == "p-1")
        #expect(profile.attributes["industry"] == "Software")
        #expect(profile.attributes["company_size"] == "51-200")
        #expect(profile.attributes["funnel_stage"] == "customer")
        #expect(profile.attributes["persona"] == "cfo")
        #expect(profile.leadScore == 55)
        #expect(profile.flags == [.competitor, .existingCustomer])
        #expect(profile.recentBlocks == [onPhone.blocks[0].blockID])

        let stranger = try await profiles.profile(visitorID: "never-seen")
        #expect(stranger == VisitorProfile(visitorID: "never-seen"))
    }
}
