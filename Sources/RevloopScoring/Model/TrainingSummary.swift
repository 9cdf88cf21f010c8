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
    /// How the served model was obtained; `nil` in model files written before it was recorded (a refit).
    public var finalModel: FinalModel?
    /// Trees: leaves per tree, and how they were set ("given", or "inner-cv" when chosen on inner folds).
    public var leaves: Int?
    public var leavesChoice: String?

    public init(
        rowCount: Int, positives: Int, l2: Double, l2Choice: String, calibrationFolds: Int,
        heldOutMetrics: BinaryMetrics?, finalModel: FinalModel? = nil, leaves: Int? = nil, leavesChoice: String? = nil
    ) {
        self.finalModel = finalModel
        self.leaves = leaves
        self.leavesChoice = leavesChoice
        self.rowCount = rowCount
        self.positives = positives
        self.l2 = l2
        self.l2Choice = l2Choice
        self.calibrationFolds = calibrationFolds
        self.heldOutMetrics = heldOutMetrics
    }
}
