/// How a drift check tests: level, binning, multiple-testing control, calibration and shutdown.
public struct DriftSettings: Sendable, Hashable, Codable {
    /// The chance that a batch with no drift raises any alarm: split evenly over the families of tests
    /// that run (feature PSI, feature KS, and the model's score PSI, score KS and ECE).
    public var alpha: Double
    public var correction: MultipleTestingCorrection
    public var calibrationBinning: CalibrationBinning
    /// How KS p-values are computed (scipy's 'asymp' by default).
    public var ksMethod: KolmogorovSmirnovMethod
    public var calibrationBinCount: Int
    /// Outcome vectors simulated to find the ECE threshold under calibration.
    public var calibrationSimulations: Int
    public var bands: ScoreBands
    /// Rows the model was fitted on. The ECE null then allows for the error of the model's base rate,
    /// 1 / sqrt(n p (1 - p)) on the logit scale with p the reference's mean probability; `nil` treats the
    /// model as exactly calibrated (stricter: an in-distribution batch alarms over estimation error).
    public var modelTrainingRows: Int?
    public var shutdown: CalibrationShutdownCriterion

    public init(
        alpha: Double = 0.05, correction: MultipleTestingCorrection = .bonferroni,
        calibrationBinning: CalibrationBinning = .equalWidth, ksMethod: KolmogorovSmirnovMethod = .asymptotic,
        calibrationBinCount: Int = 10,
        calibrationSimulations: Int = 1000, bands: ScoreBands = ScoreBands(), modelTrainingRows: Int? = nil,
        shutdown: CalibrationShutdownCriterion = CalibrationShutdownCriterion()
    ) {
        precondition(alpha > 0 && alpha < 1, "alpha must be between 0 and 1")
        precondition(calibrationBinCount >= 1 && calibrationSimulations >= 1)
        self.alpha = alpha
        self.correction = correction
        self.calibrationBinning = calibrationBinning
        self.ksMethod = ksMethod
        self.calibrationBinCount = calibrationBinCount
        self.calibrationSimulations = calibrationSimulations
        self.bands = bands
        self.modelTrainingRows = modelTrainingRows
        self.shutdown = shutdown
    }
}
