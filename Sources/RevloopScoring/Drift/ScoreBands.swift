/// The A / B / C bands sales teams read scores in: A from `aMinimum` points, B from `bMinimum`, C below.
/// Points are round(100 p) of the calibrated probability, so a band means a win-rate range.
public struct ScoreBands: Sendable, Hashable, Codable {
    /// Lowest 0-100 score in band A (70 by default: the convention of HubSpot-style fit/engagement grades).
    public var aMinimum: Int
    /// Lowest score in band B (40 by default); below it is band C.
    public var bMinimum: Int

    public init(aMinimum: Int = 70, bMinimum: Int = 40) {
        precondition(bMinimum < aMinimum, "band B must start below band A")
        self.aMinimum = aMinimum
        self.bMinimum = bMinimum
    }

    /// The band labels, best first.
    public var labels: [String] { ["A", "B", "C"] }

    /// The band index (0 = A, 1 = B, 2 = C) of a probability.
    public func band(ofProbability probability: Double) -> Int {
        let points = Int((100 * probability).rounded())
        return points >= aMinimum ? 0 : points >= bMinimum ? 1 : 2
    }

    /// Rows per band.
    public func counts(probabilities: [Double]) -> [Int] {
        var counts = [0, 0, 0]
        for probability in probabilities { counts[band(ofProbability: probability)] += 1 }
        return counts
    }
}
