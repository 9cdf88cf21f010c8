/// IPS, self-normalized IPS, DM and doubly robust estimates over logged rounds, computed the way obp
/// 0.4.1 computes them (`InverseProbabilityWeighting`, `SelfNormalizedInverseProbabilityWeighting`,
/// `DoublyRobust` with no clipping), so the two agree to rounding on the same inputs.
public enum OffPolicyEvaluator {
    /// Point estimates; empty logs give zeros.
    public static func estimate(_ rounds: [OffPolicyRound]) -> OffPolicyEstimate {
        var weightedReward = 0.0
        var weightSum = 0.0
        var weightSquares = 0.0
        var direct = 0.0
        var doublyRobust = 0.0
        for round in rounds {
            let weight = round.importanceWeight
            let directTerm = round.directEstimate
            weightedReward += weight * round.reward
            weightSum += weight
            weightSquares += weight * weight
            direct += directTerm
            doublyRobust += directTerm + weight * (round.reward - round.estimatedRewards[round.action])
        }
        let n = Double(rounds.count)
        guard n > 0 else {
            return OffPolicyEstimate(
                rounds: 0, ips: 0, snips: 0, directMethod: 0, doublyRobust: 0, effectiveSampleSize: 0)
        }
        return OffPolicyEstimate(
            rounds: rounds.count, ips: weightedReward / n,
            snips: weightSum > 0 ? (weightedReward / n) / (weightSum / n) : 0, directMethod: direct / n,
            doublyRobust: doublyRobust / n,
            effectiveSampleSize: weightSquares > 0 ? weightSum * weightSum / weightSquares : 0)
    }

    /// Point estimates with percentile bootstrap intervals (`resamples` resamples of the rounds, seeded).
    public static func estimate(
        _ rounds: [OffPolicyRound], resamples: Int, confidence: Double = 0.95,
        using generator: inout some RandomNumberGenerator
    ) -> OffPolicyEstimate {
        var result = estimate(rounds)
        guard rounds.count > 1, resamples > 1 else { return result }
        var ips: [Double] = []
        var snips: [Double] = []
        var doublyRobust: [Double] = []
        var sample: [OffPolicyRound] = []
        sample.reserveCapacity(rounds.count)
        for _ in 0..<resamples {
            sample.removeAll(keepingCapacity: true)
            for _ in 0..<rounds.count { sample.append(rounds[Int.random(in: 0..<rounds.count, using: &generator)]) }
            let estimate = estimate(sample)
            ips.append(estimate.ips)
            snips.append(estimate.snips)
            doublyRobust.append(estimate.doublyRobust)
        }
        result.ipsInterval = percentileInterval(ips, confidence: confidence)
        result.snipsInterval = percentileInterval(snips, confidence: confidence)
        result.doublyRobustInterval = percentileInterval(doublyRobust, confidence: confidence)
        return result
    }

    static func percentileInterval(_ values: [Double], confidence: Double) -> OffPolicyEstimate.Interval {
        let sorted = values.sorted()
        let tail = (1 - confidence) / 2
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position)
            let upper = Swift.min(lower + 1, sorted.count - 1)
            return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
        }
        return OffPolicyEstimate.Interval(lower: quantile(tail), upper: quantile(1 - tail))
    }
}
