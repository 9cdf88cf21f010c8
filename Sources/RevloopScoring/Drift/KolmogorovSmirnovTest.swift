/// The two-sample Kolmogorov-Smirnov test: D = sup |F_ref - F_cur| and its two-sided p-value.
public struct KolmogorovSmirnovTest: Sendable, Hashable, Codable {
    /// D, the largest gap between the two empirical distribution functions.
    public let statistic: Double
    /// The p-value as scipy.stats.ks_2samp(method='asymp') gives it: kstwo.sf(D, round(n m / (n + m))),
    /// the finite-sample Kolmogorov distribution at the effective sample size. (scipy's default 'auto'
    /// switches to the exact permutation distribution for samples up to 10,000; this does not.)
    public let pValue: Double
    public let referenceSize: Int
    public let currentSize: Int

    /// Runs the test on two samples, each already sorted ascending; `nil` when either is empty.
    public init?(sortedReference reference: [Double], sortedCurrent current: [Double]) {
        guard !reference.isEmpty, !current.isEmpty else { return nil }
        statistic = Self.statistic(reference, current)
        referenceSize = reference.count
        currentSize = current.count
        let larger = Double(max(reference.count, current.count))
        let smaller = Double(min(reference.count, current.count))
        let effective = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
        pValue = KolmogorovDistribution.survival(statistic, sampleSize: max(1, Int(effective)))
    }

    /// D computed the way scipy does: both empirical CDFs evaluated after every run of tied values.
    static func statistic(_ reference: [Double], _ current: [Double]) -> Double {
        let n = Double(reference.count)
        let m = Double(current.count)
        var i = 0
        var j = 0
        var largest = 0.0
        while i < reference.count || j < current.count {
            let value: Double
            if j >= current.count || (i < reference.count && reference[i] <= current[j]) {
                value = reference[i]
            } else {
                value = current[j]
            }
            while i < reference.count && reference[i] == value { i += 1 }
            while j < current.count && current[j] == value { j += 1 }
            largest = max(largest, abs(Double(i) / n - Double(j) / m))
        }
        return largest
    }
}
