/// Everything that shapes a fit; the defaults are the ones Revloop ships.
public struct TrainingOptions: Codable, Hashable, Sendable {
    public var kind: ModelKind
    /// Logistic: the L2 strength (scikit-learn's 1/C); `nil` chooses it from `l2Candidates` by held-out
    /// log-loss on the inner folds of the training rows. GBDT: the leaf L2 (`nil` means `boosting.leafL2`).
    public var l2: Double?
    /// The logistic L2 strengths tried when `l2` is `nil`.
    public var l2Candidates: [Double]
    public var boosting: BoostingParameters
    /// Trees: leaf counts tried on the inner folds, the one with the best held-out log-loss kept; `nil` or one
    /// value: `boosting.maximumLeaves` as given. Each candidate costs one more fit per inner fold.
    public var leafCandidates: [Int]?
    public var calibration: CalibrationMethod
    /// Inner stratified folds of the training rows whose held-out predictions fit the calibrator (and choose
    /// the logistic L2). The final model is then fitted on all training rows (scikit-learn's
    /// `CalibratedClassifierCV(ensemble=False)`).
    public var calibrationFolds: Int
    /// The model served after calibration; `nil` takes the kind's default (`defaultFinalModel`).
    public var finalModel: FinalModel?
    public var seed: UInt64
    /// Threads for the independent fits (inner folds and the final model); the result does not depend on it.
    /// `nil`: one per fit, and the OS shares the cores among them. On two cores, three inner folds on two
    /// threads leave one fold running alone at the end; on three threads all three finish together.
    public var threads: Int?

    public init(
        kind: ModelKind = .logistic, l2: Double? = nil, l2Candidates: [Double] = [1, 10, 100, 1000],
        boosting: BoostingParameters = BoostingParameters(), leafCandidates: [Int]? = nil,
        calibration: CalibrationMethod = .platt,
        calibrationFolds: Int = 3, finalModel: FinalModel? = nil, seed: UInt64 = 42, threads: Int? = nil
    ) {
        self.finalModel = finalModel
        self.leafCandidates = leafCandidates
        self.threads = threads
        self.kind = kind
        self.l2 = l2
        self.l2Candidates = l2Candidates
        self.boosting = boosting
        self.calibration = calibration
        self.calibrationFolds = calibrationFolds
        self.seed = seed
    }

    /// What `finalModel` resolves to for this kind. Trees average their inner folds' ensembles by default: as
    /// well calibrated on Caravan (see the README), and the served model costs no fit beyond the inner folds'.
    /// A logistic model is always refitted, with the L2 the folds chose.
    public var resolvedFinalModel: FinalModel {
        kind == .logistic ? .refit : finalModel ?? .foldAverage
    }
}
