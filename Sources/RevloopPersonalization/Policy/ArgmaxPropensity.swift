internal import Foundation

/// The probability that Thompson sampling shows a given block: the chance that its sampled score is the
/// largest, computed rather than estimated.
///
/// With disjoint per-block models and one context, block b's sampled score is N(m_b, s_b²), independent
/// across blocks, so P(a wins) = ∫ φ(u) Π_{b≠a} Φ((m_a + s_a·u − m_b) / s_b) du. The integral is taken by
/// composite Simpson's rule with 64 intervals on u ∈ [−7, 7] (the mass outside is 2.6e-12), with extra
/// dense segments where a much narrower rival's Φ steps from 0 to 1: deterministic, no sampling noise,
/// and within Monte Carlo's error of 200,000 draws in the tests.
/// Blocks whose scores can never beat block a's range are skipped (their Φ is 1 on the whole grid).
enum ArgmaxPropensity {
    static let intervals = 64
    static let halfWidth = 7.0

    /// P(block `chosen` has the largest sampled score); `means` and `deviations` are per candidate.
    static func probability(
        chosen: Int, means: UnsafeBufferPointer<Double>, deviations: UnsafeBufferPointer<Double>
    ) -> Double {
        let count = means.count
        if count == 1 { return 1 }
        let chosenMean = means[chosen]
        let chosenDeviation = deviations[chosen]
        // The rivals that matter: Φ < 1 somewhere on the grid.
        var rivals = 0
        var rivalMean = [Double]()
        var rivalDeviation = [Double]()
        rivalMean.reserveCapacity(count)
        rivalDeviation.reserveCapacity(count)
        let lowest = chosenMean - halfWidth * chosenDeviation
        for index in 0..<count where index != chosen {
            let deviation = Swift.max(deviations[index], 1e-12)
            if (lowest - means[index]) / deviation > 8.5 { continue }
            rivals += 1
            rivalMean.append(means[index])
            rivalDeviation.append(deviation)
        }
        if rivals == 0 { return 1 }
        if chosenDeviation <= 1e-12 {
            var product = 1.0
            for r in 0..<rivals { product *= normalCDF((chosenMean - rivalMean[r]) / rivalDeviation[r]) }
            return product
        }
        // Breakpoints in u: the ends, and around every rival much narrower than the chosen block, the
        // stretch where its Φ climbs from 0 to 1 (±6 of its deviations). Each stretch gets its own dense
        // Simpson grid, so a step-like Φ is integrated as accurately as a smooth one.
        var breakpoints: [Double] = [-halfWidth, halfWidth]
        for r in 0..<rivals where rivalDeviation[r] < 0.5 * chosenDeviation {
            let centre = (rivalMean[r] - chosenMean) / chosenDeviation
            let reach = 6 * rivalDeviation[r] / chosenDeviation
            for point in [centre - reach, centre + reach] where point > -halfWidth && point < halfWidth {
                breakpoints.append(point)
            }
        }
        breakpoints.sort()
        var total = 0.0
        for segment in 0..<(breakpoints.count - 1) {
            let start = breakpoints[segment]
            let length = breakpoints[segment + 1] - start
            guard length > 0 else { continue }
            // At least 16 intervals per segment; the plain range gets 64 in all.
            let intervals = 2 * Swift.max(8, Int((Double(Self.intervals) / 2 * length / (2 * halfWidth)).rounded(.up)))
            let step = length / Double(intervals)
            var sum = 0.0
            for point in 0...intervals {
                let u = start + Double(point) * step
                let score = chosenMean + chosenDeviation * u
                var product = exp(-0.5 * u * u)
                for r in 0..<rivals {
                    product *= normalCDF((score - rivalMean[r]) / rivalDeviation[r])
                    if product < 1e-300 { break }
                }
                let weight: Double = point == 0 || point == intervals ? 1 : (point % 2 == 1 ? 4 : 2)
                sum += weight * product
            }
            total += sum * step / 3
        }
        return Swift.min(1, Swift.max(0, total / (2 * Double.pi).squareRoot()))
    }

    /// Φ by linear interpolation in a table of 256 points per unit on [−8.5, 8.5] (error under 5e-7):
    /// the integral evaluates Φ hundreds of times per decision, and erfc costs ten times a lookup.
    @inline(__always)
    static func normalCDF(_ z: Double) -> Double {
        if z >= 8.5 { return 1 }
        if z <= -8.5 { return 0 }
        let position = (z + 8.5) * 256
        let index = Int(position)
        let fraction = position - Double(index)
        return cdfTable.withUnsafeBufferPointer { table in
            table[index] + fraction * (table[index + 1] - table[index])
        }
    }

    static let cdfTable: [Double] = (0...(17 * 256 + 1)).map { index in
        0.5 * erfc(-(Double(index) / 256 - 8.5) * 0.7071067811865476)
    }
}
