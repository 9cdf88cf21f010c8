/// Everything that shapes a fit; the defaults are the ones Revloop ships.
public struct TrainingOptions: Codable, Hashable, Sendable {
    public var kind: ModelKind
    /// Logistic: the L2 strength (scikit-learn's 1/C); `nil` chooses it from `l2Candidates` by held-out
    /// log-loss on the inner folds of the training rows. GBDT: the leaf L2 (`nil` means `boosting.leafL2`).
    public var l2: Double?
    /// The logistic L2 strengths tried when `l2` is `nil`.
    public var l2Candidates: [Double]
    public var boosting: BoostingParameters
    public var calibration: CalibrationMethod
    /// Inner stratified folds of the training rows whose held-out predictions fit the calibrator (and choose
    /// the logistic L2). The final model is then fitted on all training rows (scikit-learn's
    /// `CalibratedClassifierCV(ensemble=False)`).
    public var calibrationFolds: Int
    public var seed: UInt64
    /// Threads for the independent fits (inner folds and the final model); the result does not depend on it.
    public var threads: Int

    public init(
        kind: ModelKind = .logistic, l2: Double? = nil, l2Candidates: [Double] = [1, 10, 100, 1000],
        boosting: BoostingParameters = BoostingParameters(), calibration: CalibrationMethod = .platt,
        calibrationFolds: Int = 3, seed: UInt64 = 42, threads: Int = 2
    ) {
        self.threads = threads
        self.kind = kind
        self.l2 = l2
        self.l2Candidates = l2Candidates
        self.boosting = boosting
        self.calibration = calibration
        self.calibrationFolds = calibrationFolds
        self.seed = seed
    }
}
