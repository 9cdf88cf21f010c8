import RevloopCore
import RevloopPersonalization
import Testing

@Suite("Personalization report")
struct PersonalizationReportTests {
    /// A world where fintech visitors click the fintech case study and everyone else the guide: the
    /// engine learns it, the report's lift interval excludes zero, and the holdout-only IPS of the learned
    /// greedy policy lands near its true value.
    @Test func learnedPolicyShowsLiftOverTheHoldoutAndOffPolicyValueNearTheTruth() async throws {
        let log = InMemoryPersonalizationLog()
        var settings = PersonalizationSettings()
        settings.holdout = HoldoutAssignment(share: 0.3, salt: "report")
        let engine = try await EngineFixtures.engine(log: log, seed: 4, settings: settings)
        var generator = SeededRandomNumberGenerator(seed: 21)
        func clickProbability(_ block: String, _ context: [String: String]) -> Double {
            let fintech = context["industry"] == "fintech"
            switch block {
            case "fintech-case": return fintech ? 0.6 : 0.05
            case "intro-guide": return fintech ? 0.1 : 0.4
            default: return 0.05
            }
        }
        for visitor in 0..<3_000 {
            let context = ["industry": ["fintech", "software", "health"][visitor % 3]]
            let decision = try await engine.decide(
                DecisionRequest(visitorID: "v\(visitor)", surface: "hero", context: context, limit: 1))
            let shown = decision.blocks[0].blockID
            let click = Double.random(in: 0..<1, using: &generator) < clickProbability(shown, context)
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: click ? 1 : 0))
        }
        let decisions = try await log.decisions(after: 0, limit: .max)
        let outcomes = try await log.outcomes(after: 0, limit: .max)
        let (blockIDs, model, _) = await engine.currentModel()
        var bootstrap = SeededRandomNumberGenerator(seed: 1)
        let report = PersonalizationReport.make(
            decisions: decisions, outcomes: outcomes, blockIDs: blockIDs, model: model,
            policyVersion: engine.policyVersion, settings: settings, using: &bootstrap)
        #expect(report.decisions == 3_000)
        #expect(report.holdoutDecisions == 922)
        #expect(report.lift.lower > 0)
        #expect(report.lift.treatedMean > 0.35)
        // The greedy policy's true value: 0.6 for fintech, 0.4 for the others.
        let truth = (0.6 + 0.4 + 0.4) / 3
        let holdout = report.candidateOnHoldout
        // 922 holdout rounds over five blocks: about 184 match the greedy choice, so the estimates are
        // loose (the model was also fitted on these rounds, which biases them up a little).
        let interval = try #require(holdout.doublyRobustInterval)
        #expect(interval.lower < truth && truth < interval.upper)
        #expect(abs(holdout.snips - truth) < 0.08)
        #expect(abs(holdout.ips - truth) < 0.15)
        #expect(report.candidate.effectiveSampleSize > 0)
    }
}
