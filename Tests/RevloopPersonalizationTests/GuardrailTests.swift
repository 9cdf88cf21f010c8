import RevloopCore
import RevloopPersonalization
import Testing

@Suite("Guardrails")
struct GuardrailTests {
    /// Random inventories (gating, content type and audience drawn per block), random contexts, and a
    /// model taught to love gated blocks by non-competitors: a competitor still never gets one.
    @Test func competitorNeverReceivesAGatedBlockOverTenThousandDecisions() async throws {
        var generator = SeededRandomNumberGenerator(seed: 2026)
        var decisions = 0
        var gatedShownToOthers = 0
        for inventoryNumber in 0..<20 {
            let count = Int.random(in: 2...12, using: &generator)
            let blocks = (0..<count).map { index in
                ContentBlock(
                    id: "b\(inventoryNumber)-\(index)", surfaces: ["hero"],
                    contentType: ContentType.allCases.randomElement(using: &generator)!,
                    gating: Bool.random(using: &generator) ? .gated : .ungated,
                    audience: Audience.allCases.randomElement(using: &generator)!)
            }
            let inventory = ContentInventory(blocks: blocks, features: EngineFixtures.features)
            var profiles: [VisitorProfile] = []
            for visitor in 0..<50 {
                var flags: GuardrailFlags = [.competitor]
                if Bool.random(using: &generator) { flags.insert(.existingCustomer) }
                profiles.append(VisitorProfile(visitorID: "rival-\(visitor)", flags: flags))
            }
            var settings = PersonalizationSettings()
            settings.holdout = HoldoutAssignment(share: 0.3, salt: "guardrail-\(inventoryNumber)")
            let engine = try await EngineFixtures.engine(
                inventory: inventory, profiles: profiles, seed: generator.next(), settings: settings)
            let gated = Set(blocks.filter { $0.gating == .gated }.map(\.id))
            let forbidden = Set(blocks.filter { $0.gating == .gated || $0.contentType == .caseStudy }.map(\.id))
            for _ in 0..<500 {
                // One visitor who is not a competitor, to teach the model that gated blocks are what everyone clicks.
                let fan = try await engine.decide(
                    DecisionRequest(
                        visitorID: "fan-\(generator.next() % 1000)", surface: "hero",
                        context: EngineFixtures.randomContext(using: &generator)))
                if let first = fan.blocks.first?.blockID {
                    if gated.contains(first) { gatedShownToOthers += 1 }
                    try await engine.record(
                        DecisionOutcome(decisionID: fan.decisionID, reward: gated.contains(first) ? 1 : 0))
                }
                let rival = try await engine.decide(
                    DecisionRequest(
                        visitorID: "rival-\(Int.random(in: 0..<50, using: &generator))", surface: "hero",
                        context: EngineFixtures.randomContext(using: &generator),
                        limit: Int.random(in: 1...5, using: &generator)))
                decisions += 1
                #expect(rival.blocks.allSatisfy { !forbidden.contains($0.blockID) })
            }
        }
        #expect(decisions == 10_000)
        // The adversarial training did work on everyone else, so the test could have failed.
        #expect(gatedShownToOthers > 1_000)
    }

    @Test func existingCustomersGetNoProspectBlocksAndProspectsNoCustomerBlocks() async throws {
        let engine = try await EngineFixtures.engine(profiles: [
            VisitorProfile(visitorID: "customer", flags: [.existingCustomer])
        ])
        for index in 0..<200 {
            let customer = try await engine.decide(DecisionRequest(visitorID: "customer", surface: "hero", limit: 20))
            #expect(!customer.blocks.map(\.blockID).contains("demo-offer"))
            #expect(customer.blocks.map(\.blockID).contains("admin-tips"))
            let prospect = try await engine.decide(DecisionRequest(visitorID: "p\(index)", surface: "hero", limit: 20))
            #expect(!prospect.blocks.map(\.blockID).contains("admin-tips"))
            #expect(prospect.blocks.map(\.blockID).contains("demo-offer"))
        }
    }

    @Test func doNotPersonalizeGetsTheFixedDefaultRankingLoggedAsSuch() async throws {
        let log = InMemoryPersonalizationLog()
        let engine = try await EngineFixtures.engine(
            log: log,
            profiles: [
                VisitorProfile(
                    visitorID: "private", attributes: ["industry": "fintech"], flags: [.doNotPersonalize],
                    recentBlocks: ["intro-guide"])
            ])
        for _ in 0..<20 {
            let decision = try await engine.decide(
                DecisionRequest(visitorID: "private", surface: "hero", context: ["device": "mobile"], limit: 3))
            #expect(decision.blocks.map(\.blockID) == ["intro-guide", "fintech-case", "pricing-sheet"])
            #expect(decision.propensity == 1)
            #expect(decision.isDefaultRanking)
            #expect(!decision.isHoldout)
            #expect(decision.policyVersion == "default-ranking")
            let logged = try #require(try await log.decision(id: decision.decisionID))
            #expect(logged.mode == .defaultRanking)
            #expect(logged.features.isEmpty)
        }
    }
}
