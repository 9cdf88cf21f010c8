/// What a model was trained on and how it was chosen, kept in the model file for the registry.
public struct TrainingSummary: Codable, Hashable, Sendable {
    public var rowCount: Int
    public var positives: Int
    /// The L2 strength used (logistic: on coefficients; gbdt: on leaf values).
    public var l2: Double
    /// How `l2` was set: "given", or "inner-cv" when chosen on inner folds of the training rows.
    public var l2Choice: String
    /// Inner folds whose held-out predictions fitted the calibrator (0 when uncalibrated).
    public var calibrationFolds: Int
    /// Metrics of the calibrated held-out inner-fold predictions, when calibration ran.
    public var heldOutMetrics: BinaryMetrics?

    public init(
        rowCount: Int, positives: Int, l2: Double, l2Choice: String, calibrationFolds: Int,
        heldOutMetrics: BinaryMetrics?
    ) {
        self.rowCount = rowCount
        self.positives = positives
        self.l2 = l2
        self.l2Choice = l2Choice
        self.calibrationFolds = calibrationFolds
        self.heldOutMetrics = heldOutMetrics
    }
}
