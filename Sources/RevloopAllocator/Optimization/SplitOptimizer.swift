/// Splits a budget across channels to maximize total expected revenue under per-channel bounds, by
/// water-filling: every channel starts at its lower bound and each step of the rest goes to the channel
/// whose next step earns the most (optimal up to the step for concave curves, the usual case).
///
/// Money stays in integer minor units: the split sums exactly to the budget.
public enum SplitOptimizer {
    /// Steps the budget above the lower bounds is cut into.
    public static let steps = 1_000

    /// The split of `budget` (minor units) for `curves` (expected revenue at a spend in minor units).
    /// Requires feasible bounds (`AllocationBounds.check`).
    public static func split(
        budget: Int64, bounds: [ClosedRange<Int64>], curves: [(Double) -> Double]
    ) -> [Int64] {
        var split = bounds.map(\.lowerBound)
        var remaining = budget - split.reduce(0, +)
        guard remaining > 0 else { return split }
        let step = max(remaining / Int64(steps), 1)
        var current = zip(curves, split).map { $0(Double($1)) }
        while remaining > 0 {
            // Each channel's next step is a full step, or what its bound or the budget leaves; the step with
            // the best return per unit wins, so bounds are met exactly rather than to the nearest step.
            var best = -1
            var bestRate = -Double.infinity
            var bestAmount: Int64 = 0
            var bestGain = 0.0
            for index in split.indices {
                let amount = min(step, remaining, bounds[index].upperBound - split[index])
                guard amount > 0 else { continue }
                let gain = curves[index](Double(split[index] + amount)) - current[index]
                let rate = gain / Double(amount)
                if rate > bestRate {
                    bestRate = rate
                    best = index
                    bestAmount = amount
                    bestGain = gain
                }
            }
            guard best >= 0 else { break }
            split[best] += bestAmount
            current[best] += bestGain
            remaining -= bestAmount
        }
        return split
    }
}
