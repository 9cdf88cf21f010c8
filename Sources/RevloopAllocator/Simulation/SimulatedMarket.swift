internal import Foundation

/// A market with known curves, for scoring allocators against the oracle (learning.md 1.3, design A1):
/// weekly revenue per channel from a Hill curve with multiplicative log-normal noise, and optionally a
/// regime shift that rescales each curve's maximum at a given week.
public struct SimulatedMarket: Hashable, Sendable {
    public var names: [String]
    public var curves: [HillCurve]
    /// Standard deviation of the log noise (mean-one multiplicative noise).
    public var noise: Double
    /// From this week (0-based) on, each curve's maximum is multiplied by `shiftMultipliers`.
    public var shiftWeek: Int?
    public var shiftMultipliers: [Double]
    /// Weekly budget in minor units (cents).
    public var budget: Int64
    public var minimumShare: Double
    public var maximumShare: Double

    /// The A1 market: google, meta, linkedin; $30k a week; shares 10% to 70%; noise 0.25, or with the
    /// week-26 shift (x1.0, x0.4, x2.5) and noise 0.35.
    public static func learningSpec(shift: Bool) -> SimulatedMarket {
        SimulatedMarket(
            names: ["google", "meta", "linkedin"],
            curves: [
                HillCurve(maximum: 100_000, halfSaturation: 25_000, shape: 1.0),
                HillCurve(maximum: 35_000, halfSaturation: 5_000, shape: 0.9),
                HillCurve(maximum: 45_000, halfSaturation: 30_000, shape: 1.2),
            ], noise: shift ? 0.35 : 0.25, shiftWeek: shift ? 26 : nil, shiftMultipliers: [1.0, 0.4, 2.5],
            budget: 3_000_000, minimumShare: 0.1, maximumShare: 0.7)
    }

    public init(
        names: [String], curves: [HillCurve], noise: Double, shiftWeek: Int?, shiftMultipliers: [Double],
        budget: Int64, minimumShare: Double, maximumShare: Double
    ) {
        self.names = names
        self.curves = curves
        self.noise = noise
        self.shiftWeek = shiftWeek
        self.shiftMultipliers = shiftMultipliers
        self.budget = budget
        self.minimumShare = minimumShare
        self.maximumShare = maximumShare
    }

    /// The true curves in `week`.
    public func curves(inWeek week: Int) -> [HillCurve] {
        guard let shiftWeek, week >= shiftWeek else { return curves }
        return zip(curves, shiftMultipliers).map { curve, multiplier in
            var shifted = curve
            shifted.maximum *= multiplier
            return shifted
        }
    }

    /// Expected revenue of a split (minor units) in `week`.
    public func expectedRevenue(of split: [Int64], week: Int) -> Double {
        zip(curves(inWeek: week), split).reduce(0) { $0 + $1.0.revenue(at: Double($1.1) / 100) }
    }

    /// The best split in `week` and its expected revenue, by a fine grid over shares (0.1%), which also
    /// handles the S-shaped curve exactly enough.
    public func oracle(week: Int) -> (split: [Int64], revenue: Double) {
        let curves = curves(inWeek: week)
        let budget = Double(self.budget) / 100
        var best: (shares: [Double], revenue: Double) = ([], -1)
        let low = Int((minimumShare * 1000).rounded())
        let high = Int((maximumShare * 1000).rounded())
        for first in low...high {
            for second in low...high {
                let third = 1000 - first - second
                guard third >= low, third <= high else { continue }
                let shares = [first, second, third].map { Double($0) / 1000 }
                let revenue = zip(curves, shares).reduce(0) { $0 + $1.0.revenue(at: $1.1 * budget) }
                if revenue > best.revenue { best = (shares, revenue) }
            }
        }
        return (best.shares.map { Int64(($0 * Double(self.budget)).rounded()) }, best.revenue)
    }

    /// One week's observed revenue per channel for a split: the expected value times mean-one log-normal noise.
    public func observe(_ split: [Int64], week: Int, random: inout some RandomNumberGenerator) -> [PeriodOutcome] {
        zip(curves(inWeek: week), split).map { curve, spend in
            let dollars = Double(spend) / 100
            let factor = exp(noise * Sampling.normal(&random) - noise * noise / 2)
            return PeriodOutcome(spend: Double(spend), revenue: curve.revenue(at: dollars) * factor * 100)
        }
    }
}
