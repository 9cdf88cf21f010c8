/// Quantiles of a sorted sample as numpy's default ('linear', type 7) computes them, so bins built here
/// are the bins `np.quantile` gives (the conformance script relies on it).
enum ReferenceQuantiles {
    /// The interior cut points of `binCount` equal-mass bins: quantiles k / binCount, duplicates removed
    /// (ties), and any cut point at or above the largest value dropped so the top bin is never empty.
    ///
    /// Ties can still leave a sliver of a bin (a feature that is 0 for 85% of rows, 1 for 14% and 2 for 1%
    /// gets a 1% top bin). A batch that happens to have no row there pays the empty-bin share 1e-4, whose
    /// logarithm makes PSI explode and fire a false alarm, so a bin holding less than half an equal share
    /// (1 / (2 binCount)) is merged with its smaller neighbour, smallest first, until none is left.
    static func cutPoints(sorted values: [Double], binCount: Int) -> [Double] {
        guard let largest = values.last, binCount > 1 else { return [] }
        var cuts: [Double] = []
        for k in 1..<binCount {
            let point = quantile(sorted: values, Double(k) / Double(binCount))
            if point < largest && cuts.last != point { cuts.append(point) }
        }
        let minimumCount = Double(values.count) / Double(2 * binCount)
        while !cuts.isEmpty {
            let counts = ContinuousReference.counts(sorted: values, cutPoints: cuts)
            guard let smallest = counts.indices.min(by: { counts[$0] < counts[$1] }),
                Double(counts[smallest]) < minimumCount
            else { break }
            if smallest == 0 {
                cuts.remove(at: 0)
            } else if smallest == counts.count - 1 {
                cuts.remove(at: cuts.count - 1)
            } else {
                // Merge toward the smaller neighbour (the lower one on a tie).
                cuts.remove(at: counts[smallest - 1] <= counts[smallest + 1] ? smallest - 1 : smallest)
            }
        }
        return cuts
    }

    /// numpy's linear interpolation between order statistics, including its two-sided lerp.
    static func quantile(sorted values: [Double], _ q: Double) -> Double {
        let position = Double(values.count - 1) * q
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let fraction = position - Double(below)
        let a = values[below]
        let b = values[above]
        let difference = b - a
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
    }

    /// The bin of `value` among right-closed bins (-inf, c0], (c0, c1], ..., (c_last, inf).
    static func bin(of value: Double, cutPoints: [Double]) -> Int {
        var low = 0
        var high = cutPoints.count
        while low < high {
            let middle = (low + high) / 2
            if cutPoints[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
