/// How predictions are grouped to measure calibration error.
public enum CalibrationBinning: String, Sendable, Hashable, Codable, CaseIterable {
    /// Bins of equal width on [0, 1], right-closed like sklearn's `calibration_curve` (the spec's ECE).
    case equalWidth = "equal-width"
    /// Bins of (nearly) equal row counts after sorting by probability: better when positives are rare
    /// and most scores sit in the lowest equal-width bin.
    case equalMass = "equal-mass"

    /// The bin of every row, for `binCount` bins.
    func assignments(probabilities: [Double], binCount: Int) -> [Int] {
        switch self {
        case .equalWidth:
            let cuts = (1..<binCount).map { Double($0) * (1.0 / Double(binCount)) }
            return probabilities.map { ReferenceQuantiles.bin(of: $0, cutPoints: cuts) }
        case .equalMass:
            let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
            var bins = [Int](repeating: 0, count: probabilities.count)
            for (rank, row) in order.enumerated() { bins[row] = rank * binCount / max(1, probabilities.count) }
            return bins
        }
    }
}
