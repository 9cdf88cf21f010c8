/// One group of predictions: how many, what they predicted on average, and what happened.
public struct CalibrationBin: Sendable, Hashable, Codable {
    public let count: Int
    public let meanProbability: Double
    /// The observed win (positive) rate.
    public let observedRate: Double

    public init(count: Int, meanProbability: Double, observedRate: Double) {
        self.count = count
        self.meanProbability = meanProbability
        self.observedRate = observedRate
    }

    /// Groups rows by `assignments` (a bin per row) into `binCount` bins; empty bins are left out.
    static func group(probabilities: [Double], outcomes: [Bool], assignments: [Int], binCount: Int) -> [CalibrationBin]
    {
        var counts = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        var positives = [Int](repeating: 0, count: binCount)
        for row in probabilities.indices {
            let bin = assignments[row]
            counts[bin] += 1
            sums[bin] += probabilities[row]
            if outcomes[row] { positives[bin] += 1 }
        }
        return (0..<binCount).compactMap { bin in
            guard counts[bin] > 0 else { return nil }
            let count = Double(counts[bin])
            return CalibrationBin(
                count: counts[bin], meanProbability: sums[bin] / count, observedRate: Double(positives[bin]) / count)
        }
    }
}
