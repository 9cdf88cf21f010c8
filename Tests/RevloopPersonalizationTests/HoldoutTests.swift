import RevloopCore
import RevloopPersonalization
import Testing

@Suite("Holdout")
struct HoldoutTests {
    @Test func holdoutIsTenPercentOfVisitorsAndTheSameEveryTime() {
        let holdout = HoldoutAssignment()
        let members = (0..<100_000).filter { holdout.contains("visitor-\($0)") }
        // Binomial(100000, 0.1): standard deviation 95.
        #expect(abs(members.count - 10_000) < 400)
        #expect(members.allSatisfy { holdout.contains("visitor-\($0)") })
        let resalted = HoldoutAssignment(share: 0.1, salt: "another")
        let overlap = members.filter { resalted.contains("visitor-\($0)") }.count
        #expect(abs(overlap - 1_000) < 150)
    }

    @Test func holdoutDecisionsAreUniformWithPropensityOneOverK() async throws {
        var settings = PersonalizationSettings()
        settings.holdout = HoldoutAssignment(share: 1, salt: "all")
        let engine = try await EngineFixtures.engine(settings: settings)
        var counts: [String: Int] = [:]
        for visitor in 0..<5_000 {
            let decision = try await engine.decide(DecisionRequest(visitorID: "v\(visitor)", surface: "hero"))
            #expect(decision.isHoldout)
            // Prospects (no flags): admin-tips (customers only) is not eligible, five blocks are.
            #expect(decision.propensity == 1.0 / 5)
            counts[decision.blocks[0].blockID, default: 0] += 1
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1))
        }
        #expect(counts.count == 5)
        // Each of five blocks 1,000 ± 3 standard deviations (28).
        #expect(counts.values.allSatisfy { abs($0 - 1_000) < 90 })
    }
}
