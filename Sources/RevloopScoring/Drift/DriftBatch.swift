/// The rows to check against a reference: their features, the model's calibrated probabilities, and,
/// once deals have closed, the outcomes (true = won).
public struct DriftBatch: Sendable, Hashable {
    public let features: [FeatureColumn]
    public let probabilities: [Double]
    /// `nil` while labels have not arrived: calibration is then not measured.
    public let outcomes: [Bool]?

    public init(features: [FeatureColumn], probabilities: [Double], outcomes: [Bool]?) {
        precondition(outcomes == nil || outcomes?.count == probabilities.count, "one outcome per probability")
        self.features = features
        self.probabilities = probabilities
        self.outcomes = outcomes
    }
}
