import Foundation
import RevloopCore
import RevloopPersonalization

/// The whole engine in-process on the simulator's first `count` visitors: `PersonalizationEngine.decide`
/// (profile lookup, guardrails, eligibility, holdout, Thompson draw, propensity, in-memory decision log,
/// exposure update) and `record`, to show what a decision costs beyond the policy itself.
enum EngineReplay {
    static func run(_ environment: SimulatorReplay.Environment, seed: UInt64, count: Int) async throws {
        let items = environment.probabilities[0].count
        let features = Dictionary(
            uniqueKeysWithValues: zip(SimulatorReplay.featureNames, SimulatorReplay.levels).map { name, levels in
                (name, (0..<levels).map(String.init))
            })
        let inventory = ContentInventory(
            blocks: (0..<items).map { ContentBlock(id: "item-\($0)", surfaces: ["hero"]) }, features: features)
        let engine = try await PersonalizationEngine.open(
            inventory: inventory, log: InMemoryPersonalizationLog(), profiles: InMemoryProfileSource(),
            clock: FixedWallClock(Timestamp(millisecondsSinceEpoch: 1_793_491_200_000)), seed: seed)
        let clock = ContinuousClock()
        var decideTime = Duration.zero
        var recordTime = Duration.zero
        var expected = 0.0
        var oracle = 0.0
        let visitors = Swift.min(count, environment.contexts.count)
        for visitor in 0..<visitors {
            let request = DecisionRequest(
                visitorID: "visitor-\(visitor)", surface: "hero", context: environment.contexts[visitor], limit: 1)
            let start = clock.now
            let decision = try await engine.decide(request)
            decideTime += clock.now - start
            let shown = Int(decision.blocks[0].blockID.dropFirst(5)) ?? 0
            let probabilities = environment.probabilities[visitor]
            expected += probabilities[shown]
            oracle += probabilities.max() ?? 0
            let click = environment.uniforms[visitor] < probabilities[shown]
            let recordStart = clock.now
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: click ? 1 : 0))
            recordTime += clock.now - recordStart
        }
        func micros(_ duration: Duration) -> Double {
            (Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) * 1e-12)
                / Double(visitors)
        }
        print(
            String(
                format:
                    "PersonalizationEngine (in-memory log) seed %llu: %6.2f %% of oracle over %d visitors (engine's own SHA-256 holdout), %.2f us/decide, %.2f us/record",
                seed, 100 * expected / oracle, visitors, micros(decideTime), micros(recordTime)))
    }
}
