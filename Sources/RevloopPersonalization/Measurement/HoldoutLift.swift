internal import Foundation

/// Treated against holdout: the difference of mean rewards per decision, with a Welch normal interval
/// (each group's variance separately, as the groups differ in size by design).
public struct HoldoutLift: Hashable, Sendable, Codable {
    public var treatedDecisions: Int
    public var holdoutDecisions: Int
    public var treatedMean: Double
    public var holdoutMean: Double
    /// treated − holdout.
    public var difference: Double
    public var lower: Double
    public var upper: Double
    /// difference / holdout mean, when the holdout mean is positive.
    public var relativeLift: Double?

    /// `z`: 1.959964 for a 95 % interval.
    public init(treated: [Double], holdout: [Double], z: Double = 1.959963984540054) {
        func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
            guard !values.isEmpty else { return (0, 0) }
            let mean = values.reduce(0, +) / Double(values.count)
            guard values.count > 1 else { return (mean, 0) }
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (mean, squares / Double(values.count - 1))
        }
        let t = moments(treated)
        let h = moments(holdout)
        treatedDecisions = treated.count
        holdoutDecisions = holdout.count
        treatedMean = t.mean
        holdoutMean = h.mean
        difference = t.mean - h.mean
        let standardError =
            ((treated.isEmpty ? 0 : t.variance / Double(treated.count))
            + (holdout.isEmpty ? 0 : h.variance / Double(holdout.count))).squareRoot()
        lower = difference - z * standardError
        upper = difference + z * standardError
        relativeLift = h.mean > 0 ? difference / h.mean : nil
    }
}
