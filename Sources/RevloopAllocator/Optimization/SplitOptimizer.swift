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
            let amount = min(step, remaining)
            var best = -1
            var bestGain = -Double.infinity
            for index in split.indices where split[index] + amount <= bounds[index].upperBound {
                let gain = curves[index](Double(split[index] + amount)) - current[index]
                if gain > bestGain {
                    bestGain = gain
                    best = index
                }
            }
            if best < 0 {
                // No channel takes a whole step: fill whatever room is left, in order.
                for index in split.indices where remaining > 0 {
                    let room = min(bounds[index].upperBound - split[index], remaining)
                    split[index] += room
                    remaining -= room
                }
                break
            }
            split[best] += amount
            current[best] += bestGain
            remaining -= amount
        }
        return split
    }
}
