internal import RevloopCore

/// Next period's recommended split with what a reallocation report shows: per channel the current and
/// recommended spend, the bound that binds, expected revenue with an 80% credible interval at both splits,
/// the marginal return at the recommendation, the probability that the channel's marginal return is the
/// highest, and the fitted curve with its band for plotting. Pure: same inputs and seed, same numbers.
public struct BudgetRecommendation: Sendable {
    /// One channel's figures.
    public struct Channel: Sendable {
        public var name: String
        public var current: Int64
        public var recommended: Int64
        /// "minimum" or "maximum" when the recommendation sits on a bound (share, floor or change limit),
        /// "pinned" for a fixed amount, else nil.
        public var binding: String?
        public var expectedAtCurrent: Interval
        public var expectedAtRecommended: Interval
        /// Expected extra revenue per extra unit of spend at the recommendation (mean over posterior draws).
        public var marginalReturn: Double
        /// Share of posterior draws in which this channel's marginal return at the recommendation is the highest.
        public var probabilityBest: Double
        /// Periods of history, and the first period of the current regime (after a detected change).
        public var periods: Int
        public var regimeStart: Int
        /// The fitted curve on a spend grid: (spend, 10th percentile, mean, 90th percentile).
        public var curve: [(spend: Double, low: Double, mean: Double, high: Double)]
    }

    /// A posterior mean with its 10th and 90th percentiles.
    public struct Interval: Hashable, Sendable {
        public var low: Double
        public var mean: Double
        public var high: Double
    }

    public var budget: Int64
    /// The share of the budget kept on the current split (0: none).
    public var holdoutShare: Double
    public var channels: [Channel]
    public var totalAtCurrent: Interval
    public var totalAtRecommended: Interval
    public var warnings: [String]

    /// Builds the recommendation from each channel's history (oldest first) and its current spend.
    ///
    /// The split is the average of `draws` Thompson draws' optimal splits; intervals and P(best) come from
    /// `draws` further posterior draws. Outcomes and spend are in minor units.
    public init(
        names: [String], history: [[PeriodOutcome]], current: [Int64], budget: Int64, bounds: AllocationBounds,
        allocator: ThompsonAllocator = ThompsonAllocator(), draws: Int = 1_000, seed: UInt64, holdoutShare: Double = 0
    ) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var averaging = allocator
        averaging.draws = draws
        averaging.periodsPerExtraDraw = nil
        averaging.warmUpPeriods = 0
        let optimized = averaging.decide(history: history, budget: budget, bounds: bounds, random: &random)
        // A holdout keeps part of the budget on the current split: the recommendation blends the two.
        let recommended =
            holdoutShare > 0
            ? ThompsonAllocator.rounded(
                zip(optimized, current).map { (1 - holdoutShare) * Double($0) + holdoutShare * Double($1) },
                budget: budget, bounds: bounds.ranges)
            : optimized
        // The allocator's own fit of each channel's current regime (after a change, with the old regime's
        // elasticity as its prior), found once: its start, its posterior, and the elasticity the decision used.
        let fits = history.map { allocator.currentFit(of: $0) }
        let starts = zip(history, fits).map { outcomes, fit in outcomes.count - fit.periods }
        // The power fit's elasticity is reported whatever the model: it says whether saturation was seen.
        let powerFits = fits.map(\.posterior)
        let posteriors: [any ResponsePosterior] =
            allocator.model == .power ? powerFits : allocator.posteriors(history)
        var atCurrent = names.map { _ in [Double]() }
        var atRecommended = names.map { _ in [Double]() }
        var totalsCurrent: [Double] = []
        var totalsRecommended: [Double] = []
        var wins = [Int](repeating: 0, count: names.count)
        var marginals = names.map { _ in [Double]() }
        let grids = bounds.ranges.map { range in
            (0...24).map { Double(range.upperBound) * 1.25 * Double($0) / 24 }
        }
        var gridDraws = names.map { index in grids[0].indices.map { _ in [Double]() } }
        for _ in 0..<draws {
            var totalCurrent = 0.0
            var totalRecommended = 0.0
            var bestIndex = 0
            var bestMarginal = -Double.infinity
            for index in names.indices {
                let parameters = posteriors[index].drawCurve(&random)
                let now = parameters.revenue(at: Double(current[index]))
                let next = parameters.revenue(at: Double(recommended[index]))
                atCurrent[index].append(now)
                atRecommended[index].append(next)
                totalCurrent += now
                totalRecommended += next
                let marginal = parameters.marginal(at: Double(recommended[index]))
                marginals[index].append(marginal)
                if marginal > bestMarginal {
                    bestMarginal = marginal
                    bestIndex = index
                }
                for (point, spend) in grids[index].enumerated() {
                    gridDraws[index][point].append(parameters.revenue(at: spend))
                }
            }
            wins[bestIndex] += 1
            totalsCurrent.append(totalCurrent)
            totalsRecommended.append(totalRecommended)
        }
        func interval(_ values: [Double]) -> Interval {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return Interval(low: 0, mean: 0, high: 0) }
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            return Interval(
                low: sorted[Int(Double(sorted.count - 1) * 0.1)], mean: mean,
                high: sorted[Int(Double(sorted.count - 1) * 0.9)])
        }
        var warnings: [String] = []
        channels = names.indices.map { index in
            let range = bounds.ranges[index]
            let binding: String?
            if range.lowerBound == range.upperBound {
                binding = "pinned"
            } else if recommended[index] == range.lowerBound {
                binding = "minimum"
            } else if recommended[index] == range.upperBound {
                binding = "maximum"
            } else {
                binding = nil
            }
            let meanCurve = powerFits[index].meanParameters
            let marginal = marginals[index].reduce(0, +) / Double(max(marginals[index].count, 1))
            if history[index].count < 8 {
                warnings.append(
                    "\(names[index]): only \(history[index].count) periods of history; the curve is mostly prior")
            }
            if starts[index] > 0 {
                warnings.append(
                    "\(names[index]): a change in its response was detected at period \(starts[index] + 1) of \(history[index].count); only the periods since are used"
                )
            }
            if meanCurve.elasticity <= 0 {
                warnings.append(
                    "\(names[index]): revenue does not rise with spend in this history (elasticity \(Int((meanCurve.elasticity * 100).rounded()))%); the allocator gives it as little as the bounds allow; check how its outcomes are attributed"
                )
            } else if meanCurve.elasticity >= 1 {
                warnings.append(
                    "\(names[index]): no diminishing returns seen yet (elasticity \(Int((meanCurve.elasticity * 100).rounded()))%); spend more widely to learn its saturation"
                )
            }
            let curve = grids[index].enumerated().map { point, spend in
                let band = interval(gridDraws[index][point])
                return (spend: spend, low: band.low, mean: band.mean, high: band.high)
            }
            return Channel(
                name: names[index], current: current[index], recommended: recommended[index], binding: binding,
                expectedAtCurrent: interval(atCurrent[index]), expectedAtRecommended: interval(atRecommended[index]),
                marginalReturn: marginal, probabilityBest: Double(wins[index]) / Double(max(draws, 1)),
                periods: history[index].count, regimeStart: starts[index], curve: curve)
        }
        self.budget = budget
        self.holdoutShare = holdoutShare
        totalAtCurrent = interval(totalsCurrent)
        totalAtRecommended = interval(totalsRecommended)
        self.warnings = warnings
    }
}
