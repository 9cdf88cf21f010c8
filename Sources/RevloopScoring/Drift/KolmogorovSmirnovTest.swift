/// The two-sample Kolmogorov-Smirnov test: D = sup |F_ref - F_cur| and its two-sided p-value.
public struct KolmogorovSmirnovTest: Sendable, Hashable, Codable {
    /// D, the largest gap between the two empirical distribution functions.
    public let statistic: Double
    /// The two-sided p-value, as scipy.stats.ks_2samp gives it with the same `method`.
    public let pValue: Double
    public let referenceSize: Int
    public let currentSize: Int
    /// The method that computed the p-value: `asymp` or `exact` (never `auto`, which picks one).
    public let method: KolmogorovSmirnovMethod

    /// Runs the test on two samples, each already sorted ascending; `nil` when either is empty.
    public init?(
        sortedReference reference: [Double], sortedCurrent current: [Double],
        method: KolmogorovSmirnovMethod = .asymptotic
    ) {
        guard !reference.isEmpty, !current.isEmpty else { return nil }
        statistic = Self.statistic(reference, current)
        referenceSize = reference.count
        currentSize = current.count
        (pValue, self.method) = Self.pValue(
            statistic: statistic, referenceSize: reference.count, currentSize: current.count, method: method)
    }

    /// The p-value of `statistic` for these sample sizes, and the method that gave it.
    public static func pValue(
        statistic: Double, referenceSize: Int, currentSize: Int, method: KolmogorovSmirnovMethod
    ) -> (Double, KolmogorovSmirnovMethod) {
        let wantsExact =
            method == .exact || (method == .automatic && max(referenceSize, currentSize) <= 10_000)
        if wantsExact, let exact = TwoSampleKolmogorovExact.pValue(statistic, referenceSize, currentSize) {
            return (exact, .exact)
        }
        let larger = Double(max(referenceSize, currentSize))
        let smaller = Double(min(referenceSize, currentSize))
        let effective = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
        return (KolmogorovDistribution.survival(statistic, sampleSize: max(1, Int(effective))), .asymptotic)
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
