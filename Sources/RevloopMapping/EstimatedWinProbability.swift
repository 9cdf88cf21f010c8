/// A win probability and the model version that produced it (recorded with the operation in the ledger).
public struct EstimatedWinProbability: Hashable, Sendable {
    /// Calibrated, in [0, 1].
    public var probability: Double
    public var modelVersion: String

    public init(probability: Double, modelVersion: String) {
        self.probability = probability
        self.modelVersion = modelVersion
    }
}
