internal import Foundation

/// Recommends next period's split by Thompson sampling over response-curve posteriors: each decision draws
/// one curve per channel from its posterior and solves the constrained split for that draw, so channels
/// the data is unsure about keep being tried in proportion to the chance they are better.
///
/// Pure and deterministic for a given generator state. The defaults (2 random warm-up periods, then one
/// draw plus one more averaged per 4 periods of data, each draw at half the posterior's spread; change
/// detection at 3.5 standard errors over 3 periods, the new regime starting from the old one's elasticity;
/// no discount) were chosen on seeds 1-40 of `AllocatorBenchmark --try`; see the README.
public struct ThompsonAllocator: Sendable {
    public var prior: CurvePrior
    /// Weight of a period `age` periods back: `discount^age` (1 keeps everything; 0.9 forgets in weeks).
    public var discount: Double
    /// Periods split at random before the curves are trusted (spend must vary for slopes to be learnt).
    public var warmUpPeriods: Int
    /// Draws averaged per decision (1 is plain Thompson sampling; more gives a steadier recommendation).
    public var draws: Int
    /// One more draw averaged per this many periods of data (`nil`: fixed): exploration fades as
    /// evidence accumulates, while a channel whose regime just changed stays uncertain and keeps being tried.
    public var periodsPerExtraDraw: Int?
    /// Change-point detection: when the mean residual of `changeWindow` consecutive periods, against the
    /// curve fitted on the periods before them, is more than this many standard errors from zero, the
    /// channel's earlier periods are dropped (a regime change). `nil` turns detection off.
    public var changeThreshold: Double?
    public var changeWindow: Int
    /// Where a detected regime starts inside the window: at its first period off the old curve, in the
    /// window's direction, by more than this many of the old curve's noise deviations.
    public var restartDeviations: Double
    /// After a detected change, the new regime's prior on the elasticity is the old regime's posterior,
    /// its precision times this factor (0: the weak default prior). A change in a channel's reach usually
    /// moves the curve's level more than its shape, and the old regime's shape was measured over a wider
    /// range of spend than the few periods since the change. The default 2 trusts it a little more than
    /// its own periods would (1 to 4 scored alike in the benchmark).
    public var elasticityCarryOver: Double
    /// Scale of each power-curve draw's distance from the posterior mean (1 is plain Thompson sampling;
    /// less explores less, as a tempered posterior). Plain draws from a posterior whose curve family is
    /// wrong (a power curve for a saturating one) over-explore: 0.5 kept the exploration a regime change
    /// needs and gave up half a point less revenue in a stationary market (0.4 to 0.6 scored alike).
    public var drawSpread: Double
    /// The curve family fitted to each channel.
    public var model: CurveModel

    public init(
        prior: CurvePrior = CurvePrior(), discount: Double = 1, warmUpPeriods: Int = 2, draws: Int = 1,
        changeThreshold: Double? = 3.5, changeWindow: Int = 3, periodsPerExtraDraw: Int? = 4,
        restartDeviations: Double = 2, elasticityCarryOver: Double = 2, drawSpread: Double = 0.5,
        model: CurveModel = .power
    ) {
        self.drawSpread = drawSpread
        self.restartDeviations = restartDeviations
        self.elasticityCarryOver = elasticityCarryOver
        self.model = model
        self.periodsPerExtraDraw = periodsPerExtraDraw
        self.prior = prior
        self.discount = discount
        self.warmUpPeriods = warmUpPeriods
        self.draws = draws
        self.changeThreshold = changeThreshold
        self.changeWindow = changeWindow
    }

    /// The first period of the channel's current regime (0 without a detected change).
    public func regimeStart(of outcomes: [PeriodOutcome]) -> Int { regimes(of: outcomes).current }

    /// The first periods of the channel's current regime and of the one before it (both 0 without a change).
    func regimes(of outcomes: [PeriodOutcome]) -> (previous: Int, current: Int) {
        guard let changeThreshold else { return (0, 0) }
        var previous = 0
        var start = 0
        var candidate = start + max(warmUpPeriods, 2 * changeWindow)
        while candidate + changeWindow <= outcomes.count {
            let fitted = CurvePosterior(prior: prior, outcomes: Array(outcomes[start..<candidate]), discount: 1)
            let parameters = fitted.meanParameters
            let window = outcomes[candidate..<(candidate + changeWindow)].filter { $0.spend > 0 && $0.revenue > 0 }
            if !window.isEmpty {
                let residuals = window.map {
                    log($0.revenue) - (parameters.intercept + parameters.elasticity * log($0.spend))
                }
                let meanResidual = residuals.reduce(0, +) / Double(residuals.count)
                let standardError = (parameters.noiseVariance / Double(residuals.count)).squareRoot()
                if abs(meanResidual) > changeThreshold * standardError {
                    // The change lies inside the window: start at its first period that is off the old
                    // curve, in the window's direction, by more than two of its own standard deviations.
                    let sign: Double = meanResidual < 0 ? -1 : 1
                    let deviation = parameters.noiseVariance.squareRoot()
                    let offset = residuals.firstIndex { $0 * sign > restartDeviations * deviation } ?? 0
                    previous = start
                    start = candidate + offset
                    candidate = start + changeWindow
                    continue
                }
            }
            candidate += 1
        }
        return (previous, start)
    }

    /// The power-curve posterior of the channel's current regime (with the old regime's elasticity as the
    /// prior when `elasticityCarryOver` is on), and the number of periods in that regime.
    public func currentFit(of outcomes: [PeriodOutcome]) -> (posterior: CurvePosterior, periods: Int) {
        let (previous, start) = regimes(of: outcomes)
        let current = Array(outcomes[start...])
        return (
            CurvePosterior(
                prior: regimePrior(outcomes, previous: previous, start: start), outcomes: current,
                discount: discount), current.count
        )
    }

    /// The prior of a regime starting at `start`: the default, or after a change the old regime's
    /// elasticity posterior, weakened by `elasticityCarryOver` but never weaker than the default.
    func regimePrior(_ outcomes: [PeriodOutcome], previous: Int, start: Int) -> CurvePrior {
        guard start > 0, elasticityCarryOver > 0 else { return prior }
        let old = CurvePosterior(prior: prior, outcomes: Array(outcomes[previous..<start]), discount: 1)
        var carried = prior
        carried.elasticityMean = old.mean.1
        carried.elasticityPrecision = max(old.elasticityPrecision * elasticityCarryOver, prior.elasticityPrecision)
        return carried
    }

    /// The split of `budget` for channels with `history` (per channel, oldest first) within `bounds`.
    public func decide(
        history: [[PeriodOutcome]], budget: Int64, bounds: AllocationBounds, random: inout some RandomNumberGenerator
    ) -> [Int64] {
        let periods = history.map(\.count).min() ?? 0
        if periods < warmUpPeriods {
            // A random split within the bounds: spend must vary before slopes can be learnt.
            let weights = history.indices.map { _ in Sampling.uniform(&random) }
            return SplitOptimizer.split(
                budget: budget, bounds: bounds.ranges, curves: weights.map { weight in { weight * log1p($0) } })
        }
        var total = [Double](repeating: 0, count: history.count)
        let drawCount = max(draws, 1) + (periodsPerExtraDraw.map { periods / max($0, 1) } ?? 0)
        let continuousBounds = bounds.ranges.map { Double($0.lowerBound)...Double($0.upperBound) }
        // The curves are fitted in minor units; dividing by the budget keeps values of order one.
        let scale = 1 / Double(max(budget, 1))
        func waterFill(_ drawn: [any ResponseCurve]) {
            let curves = drawn.map { curve -> (Double) -> Double in { curve.revenue(at: $0) * scale } }
            let split = SplitOptimizer.split(budget: budget, bounds: bounds.ranges, curves: curves)
            for index in split.indices { total[index] += Double(split[index]) }
        }
        switch model {
        case .power:
            // Concrete posteriors (no existential per draw): thousands of draws a decision stay cheap.
            let fits = history.map { currentFit(of: $0).posterior }
            let rising = fits.map { $0.mean.1 > 0 }
            var logScale = [Double](repeating: 0, count: fits.count)
            var elasticity = [Double](repeating: 0, count: fits.count)
            for _ in 0..<drawCount {
                var drawn: [CurveParameters] = []
                drawn.reserveCapacity(fits.count)
                for (index, fit) in fits.enumerated() {
                    let parameters = fit.draw(&random, spread: drawSpread)
                    drawn.append(parameters)
                    logScale[index] = parameters.intercept + parameters.noiseVariance / 2
                    // A draw with no diminishing returns (b near or above 1) is solved as barely concave: it
                    // then goes to a bound, as a convex curve's optimum does. A draw below zero from a channel
                    // whose fit rises is noise, solved as barely rising (so the channel keeps being tried); a
                    // channel whose fit itself falls is left to water-filling (as little as the bounds allow).
                    elasticity[index] =
                        rising[index] ? min(max(parameters.elasticity, 0.02), 0.98) : min(parameters.elasticity, 0.98)
                }
                // Concave power curves have an exact split; anything else is water-filled.
                if let exact = PowerCurveSplit.solve(
                    logScale: logScale, elasticity: elasticity, bounds: continuousBounds, budget: Double(budget))
                {
                    for index in exact.indices { total[index] += exact[index] }
                } else {
                    waterFill(drawn)
                }
            }
        case .hill:
            let fits = posteriors(history)
            for _ in 0..<drawCount { waterFill(fits.map { $0.drawCurve(&random) }) }
        }
        return Self.rounded(total.map { $0 / Double(drawCount) }, budget: budget, bounds: bounds.ranges)
    }

    /// Each channel's posterior in the current regime, in the allocator's curve family.
    public func posteriors(_ history: [[PeriodOutcome]]) -> [any ResponsePosterior] {
        history.map { outcomes -> any ResponsePosterior in
            switch model {
            case .power: return currentFit(of: outcomes).posterior
            case .hill:
                let (previous, start) = regimes(of: outcomes)
                return HillPosterior(
                    outcomes: Array(outcomes[start...]), discount: discount,
                    prior: regimePrior(outcomes, previous: previous, start: start))
            }
        }
    }

    /// Whole minor units summing exactly to `budget` (largest remainders), within bounds.
    public static func rounded(_ shares: [Double], budget: Int64, bounds: [ClosedRange<Int64>]) -> [Int64] {
        var split = shares.enumerated().map { index, value in
            min(max(Int64(value.rounded(.down)), bounds[index].lowerBound), bounds[index].upperBound)
        }
        var remaining = budget - split.reduce(0, +)
        let order = shares.indices.sorted {
            (shares[$0] - shares[$0].rounded(.down)) > (shares[$1] - shares[$1].rounded(.down))
        }
        while remaining != 0 {
            var moved = false
            for index in order where remaining != 0 {
                if remaining > 0, split[index] < bounds[index].upperBound {
                    split[index] += 1
                    remaining -= 1
                    moved = true
                } else if remaining < 0, split[index] > bounds[index].lowerBound {
                    split[index] -= 1
                    remaining += 1
                    moved = true
                }
            }
            if !moved { break }
        }
        return split
    }
}
