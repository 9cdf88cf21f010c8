import Foundation
import RevloopCore
import RevloopPersonalization

/// Replays one environment file written by `personalize_peer.py generate` with Revloop's LinTS: the same
/// contexts, click probabilities, pre-drawn uniforms and holdout draws every peer sees.
struct SimulatorReplay {
    struct Environment {
        var contexts: [[String: String]]
        var uniforms: [Double]
        var isHoldout: [Bool]
        var holdoutItems: [Int]
        var probabilities: [[Double]]
    }

    static let featureNames = ["industry", "size", "stage", "channel", "device"]
    static let levels = [6, 4, 3, 4, 2]

    static func load(_ path: String) throws -> Environment {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var environment = Environment(contexts: [], uniforms: [], isHoldout: [], holdoutItems: [], probabilities: [])
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            var context: [String: String] = [:]
            for (index, name) in featureNames.enumerated() { context[name] = String(fields[index]) }
            environment.contexts.append(context)
            environment.uniforms.append(Double(fields[5])!)
            environment.isHoldout.append(fields[6] == "1")
            environment.holdoutItems.append(Int(fields[7])!)
            environment.probabilities.append(fields[8...].map { Double($0)! })
        }
        return environment
    }

    struct Result {
        var shareOfOracle: Double
        var observedCTR: Double
        var microsecondsPerDecision: Double
        var microsecondsPerReward: Double
        var holdoutIPS: Double
        var finalGreedyValue: Double
    }

    /// `delay`: a click's reward reaches the model only `delay` visitors later (0: at once).
    static func run(
        _ environment: Environment, seed: UInt64, priorPrecision: Double, explorationScale: Double, delay: Int
    ) -> Result {
        let encoder = ContextEncoder(
            features: zip(featureNames, levels).map { name, count in (name, (0..<count).map(String.init)) })
        let items = environment.probabilities[0].count
        var model = LinearThompsonModel(
            blocks: items, dimension: encoder.dimension, priorPrecision: priorPrecision,
            explorationScale: explorationScale)
        var ranker = ThompsonRanker()
        var generator = SeededRandomNumberGenerator(seed: seed)
        let eligible = Array(0..<items)
        let count = environment.contexts.count
        let encoded = environment.contexts.map(encoder.encode)
        var pending: [(item: Int, active: [Int32], reward: Double)] = []
        var expected = 0.0
        var oracle = 0.0
        var clicks = 0
        var decideTime = Duration.zero
        var rewardTime = Duration.zero
        var holdoutIPSSum = 0.0
        var holdoutCount = 0
        let clock = ContinuousClock()
        var chosenItems = [Int](repeating: 0, count: count)
        for visitor in 0..<count {
            let active = encoded[visitor]
            var shown = 0
            let start = clock.now
            if environment.isHoldout[visitor] {
                shown = environment.holdoutItems[visitor]
            } else {
                shown =
                    ranker.rank(model: model, eligible: eligible, active: active, limit: 1, using: &generator)
                    .blocks[0]
            }
            model.recordExposure(block: shown, active: active)
            decideTime += clock.now - start
            chosenItems[visitor] = shown
            let probabilities = environment.probabilities[visitor]
            expected += probabilities[shown]
            oracle += probabilities.max()!
            let click = environment.uniforms[visitor] < probabilities[shown]
            if click { clicks += 1 }
            pending.append((shown, active, click ? 1 : 0))
            if pending.count > delay {
                let arrived = pending.removeFirst()
                let rewardStart = clock.now
                model.recordReward(block: arrived.item, active: arrived.active, reward: arrived.reward)
                rewardTime += clock.now - rewardStart
            }
        }
        // The final greedy policy, valued on the holdout by IPS (w = K·1{π picks a}) and by its truth.
        var greedyTruth = 0.0
        for visitor in 0..<count {
            let active = encoded[visitor]
            let greedy = active.withUnsafeBufferPointer { active in
                (0..<items).max { model.mean(block: $0, active: active) < model.mean(block: $1, active: active) }!
            }
            greedyTruth += environment.probabilities[visitor][greedy]
            if environment.isHoldout[visitor] {
                holdoutCount += 1
                let shown = chosenItems[visitor]
                if shown == greedy && environment.uniforms[visitor] < environment.probabilities[visitor][shown] {
                    holdoutIPSSum += Double(items)
                }
            }
        }
        func micros(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) * 1e-12
        }
        return Result(
            shareOfOracle: expected / oracle, observedCTR: Double(clicks) / Double(count),
            microsecondsPerDecision: micros(decideTime) / Double(count),
            microsecondsPerReward: micros(rewardTime) / Double(count),
            holdoutIPS: holdoutIPSSum / Double(holdoutCount), finalGreedyValue: greedyTruth / Double(count))
    }
}
