/// A numeric feature (or the score) as the reference population had it: the sorted values, which the KS
/// test needs, the decile cut points and counts, which PSI needs, and how many values were missing.
///
/// Codable, so a model can carry its reference population in the registry: the JSON holds the sorted
/// sample, so a reference of 50,000 rows costs about 1 MB per feature; subsample it before storing if
/// that is too much (the KS p-value then uses the subsample's size, which is the honest thing to do).
public struct ContinuousReference: Sendable, Hashable, Codable {
    /// The non-missing reference values, ascending.
    public let sortedValues: [Double]
    /// Interior cut points of the PSI bins: right-closed bins (-inf, c0], (c0, c1], ..., (c_last, inf).
    public let cutPoints: [Double]
    /// Reference rows whose value was missing.
    public let missingCount: Int

    /// Builds the reference from raw values; `nil` entries are missing. `binCount` quantile bins
    /// (deciles by default), fewer when ties merge cut points.
    public init(values: [Double?], binCount: Int = 10) {
        let present = values.compactMap { $0 }.filter { $0.isFinite }.sorted()
        sortedValues = present
        missingCount = values.count - present.count
        cutPoints = ReferenceQuantiles.cutPoints(sorted: present, binCount: binCount)
    }

    public init(sortedValues: [Double], cutPoints: [Double], missingCount: Int) {
        self.sortedValues = sortedValues
        self.cutPoints = cutPoints
        self.missingCount = missingCount
    }

    /// All reference rows, missing ones included.
    public var size: Int { sortedValues.count + missingCount }

    /// The same reference with at most `maximumCount` values, drawn at random without replacement (the
    /// cut points stay those of the full sample, the missing count shrinks in proportion): a smaller
    /// document for a registry to store.
    public func sampled(atMost maximumCount: Int, random: inout some RandomNumberGenerator) -> ContinuousReference {
        guard maximumCount > 0, sortedValues.count > maximumCount else { return self }
        var values = sortedValues
        for position in 0..<maximumCount {
            values.swapAt(position, Int.random(in: position..<values.count, using: &random))
        }
        let kept = Array(values[0..<maximumCount]).sorted()
        let missing = Int((Double(missingCount) * Double(maximumCount) / Double(sortedValues.count)).rounded())
        return ContinuousReference(sortedValues: kept, cutPoints: cutPoints, missingCount: missing)
    }

    /// How many reference values fall in each bin.
    public var binCounts: [Int] { Self.counts(sorted: sortedValues, cutPoints: cutPoints) }

    static func counts(sorted values: [Double], cutPoints: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: cutPoints.count + 1)
        for value in values { counts[ReferenceQuantiles.bin(of: value, cutPoints: cutPoints)] += 1 }
        return counts
    }

    /// The PSI bin labels, for reports: `<= 3`, `(3, 5]`, `> 7`.
    var binLabels: [String] {
        guard !cutPoints.isEmpty else { return ["all"] }
        var labels = ["<= \(Self.format(cutPoints[0]))"]
        for index in 1..<cutPoints.count {
            labels.append("(\(Self.format(cutPoints[index - 1])), \(Self.format(cutPoints[index]))]")
        }
        labels.append("> \(Self.format(cutPoints[cutPoints.count - 1]))")
        return labels
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
