import RevloopCore
import RevloopPersonalization
import Testing

@Suite("Off-policy evaluation")
struct OffPolicyEvaluatorTests {
    let rounds = [
        OffPolicyRound(
            action: 0, reward: 1, propensity: 0.5, targetProbabilities: [1, 0], estimatedRewards: [0.6, 0.2]),
        OffPolicyRound(
            action: 1, reward: 0, propensity: 0.25, targetProbabilities: [0.5, 0.5], estimatedRewards: [0.4, 0.1]),
        OffPolicyRound(
            action: 1, reward: 1, propensity: 0.5, targetProbabilities: [0, 1], estimatedRewards: [0.3, 0.5]),
    ]

    @Test func estimatesMatchTheFormulasByHand() {
        let estimate = OffPolicyEvaluator.estimate(rounds)
        // w = 2, 2, 2; Σ w r = 4.
        #expect(abs(estimate.ips - 4.0 / 3) < 1e-12)
        #expect(abs(estimate.snips - (4.0 / 3) / 2) < 1e-12)
        // DM terms 0.6, 0.25, 0.5; corrections 2(1 − 0.6), 2(0 − 0.1), 2(1 − 0.5).
        #expect(abs(estimate.directMethod - 1.35 / 3) < 1e-12)
        #expect(abs(estimate.doublyRobust - (1.35 + 0.8 - 0.2 + 1.0) / 3) < 1e-12)
        #expect(abs(estimate.effectiveSampleSize - 3) < 1e-12)
    }

    @Test func bootstrapIntervalsContainThePointEstimate() {
        var generator = SeededRandomNumberGenerator(seed: 1)
        var many: [OffPolicyRound] = []
        for index in 0..<300 { many.append(rounds[index % 3]) }
        let estimate = OffPolicyEvaluator.estimate(many, resamples: 200, using: &generator)
        let interval = try! #require(estimate.ipsInterval)
        #expect(interval.lower < estimate.ips && estimate.ips < interval.upper)
        #expect(interval.upper - interval.lower < 0.5)
    }

    @Test func liftIsTheDifferenceOfMeansWithAWelchInterval() {
        let lift = HoldoutLift(
            treated: [1, 0, 1, 1, 0, 1, 1, 0], holdout: [0, 0, 1, 0])
        #expect(lift.difference == 0.625 - 0.25)
        // Variances 0.267857 / 8 and 0.25 / 4: standard error 0.309810.
        #expect(abs((lift.upper - lift.lower) / 2 - 1.959963984540054 * 0.3098098495) < 1e-9)
        #expect(lift.relativeLift == 1.5)
    }
}
