public import RevloopCore

/// Runs a policy week by week in a simulated market from a cold start and scores it against the oracle.
public enum AllocatorSimulation {
    /// A policy: given each channel's history and the week's bounds, the split.
    public typealias Policy = (
        _ history: [[PeriodOutcome]], _ bounds: AllocationBounds, _ random: inout SeededRandomNumberGenerator
    ) -> [Int64]

    /// Cumulative and final-week expected revenue as shares of the oracle's.
    public struct Score: Hashable, Sendable {
        public var cumulative: Double
        public var finalWeek: Double
    }

    public static func run(market: SimulatedMarket, weeks: Int, seed: UInt64, policy: Policy) throws(AllocationBounds
        .Infeasible) -> Score
    {
        var random = SeededRandomNumberGenerator(seed: seed)
        var history = market.names.map { _ in [PeriodOutcome]() }
        var earned = 0.0
        var best = 0.0
        var finalShare = 0.0
        // The oracle before the shift and after it (computed once each).
        let oracleBefore = market.oracle(week: 0).revenue
        let oracleAfter = market.shiftWeek.map { market.oracle(week: $0).revenue } ?? oracleBefore
        let bounds = try AllocationBounds(
            budget: market.budget, names: market.names,
            minimumShare: market.names.map { _ in market.minimumShare },
            maximumShare: market.names.map { _ in market.maximumShare })
        for week in 0..<weeks {
            let split = policy(history, bounds, &random)
            let expected = market.expectedRevenue(of: split, week: week)
            let oracle = market.shiftWeek.map { week >= $0 } == true ? oracleAfter : oracleBefore
            earned += expected
            best += oracle
            finalShare = expected / oracle
            for (index, outcome) in market.observe(split, week: week, random: &random).enumerated() {
                history[index].append(outcome)
            }
        }
        return Score(cumulative: earned / best, finalWeek: finalShare)
    }
}
