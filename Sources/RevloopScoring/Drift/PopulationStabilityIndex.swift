internal import Foundation

/// The population stability index of a current sample against a reference: sum over bins of
/// (a - e) ln(a / e), with a and e the current and reference shares and an empty bin's share set to 1e-4.
///
/// Under no drift, PSI / (1/n + 1/m) is approximately chi-square with B - 1 degrees of freedom
/// (Yurdakul 2018), so the alarm threshold at level alpha is (1/n + 1/m) chi2_{1-alpha}(B - 1): it falls
/// as batches grow, where the conventional 0.1 / 0.25 bands fire on small batches and miss moderate
/// shifts in large ones. The bands are reported beside it, never used as the alarm.
public struct PopulationStabilityIndex: Sendable, Hashable, Codable {
    /// The share given to a bin with no rows on one side, so the logarithm stays finite (Evidently's value).
    public static let emptyBinShare = 1e-4

    /// The index.
    public let value: Double
    /// The bins: label, counts and shares on both sides.
    public let bins: [Bin]
    public let referenceSize: Int
    public let currentSize: Int
    /// B - 1, the degrees of freedom of the chi-square approximation.
    public let degreesOfFreedom: Int
    /// The chance of a PSI at least this large with no drift: chi2.sf(PSI / (1/n + 1/m), B - 1).
    /// 1 when there is a single bin (nothing to compare).
    public let pValue: Double
    /// The conventional reading of the value (not sample-size aware; for people used to reading PSI so).
    public let band: Band

    /// One bin of the comparison.
    public struct Bin: Sendable, Hashable, Codable {
        public let label: String
        public let referenceCount: Int
        public let currentCount: Int
        /// Count over size, or `emptyBinShare` when the count is zero.
        public let referenceShare: Double
        public let currentShare: Double
    }

    /// The conventional reading of the value: below 0.1 stable, up to 0.25 moderate, above major.
    public enum Band: String, Sendable, Hashable, Codable {
        case stable, moderate, major
    }

    /// Compares counts per bin; bins empty on both sides are left out (they carry no information and
    /// would only add degrees of freedom).
    public init(labels: [String], referenceCounts: [Int], currentCounts: [Int]) {
        precondition(labels.count == referenceCounts.count && labels.count == currentCounts.count)
        let n = referenceCounts.reduce(0, +)
        let m = currentCounts.reduce(0, +)
        var bins: [Bin] = []
        var total = 0.0
        for index in labels.indices where referenceCounts[index] > 0 || currentCounts[index] > 0 {
            let e = Self.share(referenceCounts[index], of: n)
            let a = Self.share(currentCounts[index], of: m)
            total += (a - e) * log(a / e)
            bins.append(
                Bin(
                    label: labels[index], referenceCount: referenceCounts[index], currentCount: currentCounts[index],
                    referenceShare: e, currentShare: a))
        }
        value = total
        self.bins = bins
        referenceSize = n
        currentSize = m
        degreesOfFreedom = max(0, bins.count - 1)
        band = total < 0.1 ? .stable : total <= 0.25 ? .moderate : .major
        if degreesOfFreedom > 0 && n > 0 && m > 0 {
            let scale = 1 / Double(n) + 1 / Double(m)
            pValue = ChiSquareDistribution.survival(total / scale, degreesOfFreedom: Double(degreesOfFreedom))
        } else {
            pValue = 1
        }
    }

    private static func share(_ count: Int, of size: Int) -> Double {
        count == 0 || size == 0 ? emptyBinShare : Double(count) / Double(size)
    }

    /// PSI of a numeric sample against a continuous reference, with a `missing` bin when either side has
    /// missing values.
    public init(reference: ContinuousReference, current: [Double?]) {
        var counts = [Int](repeating: 0, count: reference.cutPoints.count + 1)
        var missing = 0
        for value in current {
            if let value, value.isFinite {
                counts[ReferenceQuantiles.bin(of: value, cutPoints: reference.cutPoints)] += 1
            } else {
                missing += 1
            }
        }
        self.init(
            labels: reference.binLabels + ["missing"], referenceCounts: reference.binCounts + [reference.missingCount],
            currentCounts: counts + [missing])
    }

    /// PSI of a categorical sample: one bin per reference category, `missing`, and one bin for
    /// categories the reference never saw (which makes a new category count as drift).
    public init(reference: CategoricalReference, current: [String?]) {
        let categories = reference.categories
        var position: [String: Int] = [:]
        for (index, category) in categories.enumerated() { position[category] = index }
        var counts = [Int](repeating: 0, count: categories.count + 2)
        for value in current {
            if let value {
                counts[position[value] ?? categories.count + 1] += 1
            } else {
                counts[categories.count] += 1
            }
        }
        self.init(
            labels: categories + ["missing", "not in reference"],
            referenceCounts: categories.map { reference.categoryCounts[$0] ?? 0 } + [reference.missingCount, 0],
            currentCounts: counts)
    }

    /// 1/n + 1/m, the scale of PSI under no drift.
    public var nullScale: Double {
        guard referenceSize > 0, currentSize > 0 else { return .infinity }
        return 1 / Double(referenceSize) + 1 / Double(currentSize)
    }

    /// The sample-size-aware threshold at level `alpha`: (1/n + 1/m) chi2_{1-alpha}(B - 1); `nil` with a
    /// single bin.
    public func criticalValue(alpha: Double) -> Double? {
        guard degreesOfFreedom > 0, nullScale.isFinite else { return nil }
        return nullScale
            * ChiSquareDistribution.criticalValue(
                upperTailProbability: alpha, degreesOfFreedom: Double(degreesOfFreedom))
    }
}
