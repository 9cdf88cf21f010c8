/// Calibration on the current batch, once labels arrived, against what chance alone would give.
public struct CalibrationDrift: Sendable, Hashable, Codable {
    public let summary: CalibrationSummary
    /// The (1 - level) quantile of ECE when the model is calibrated, simulated on this batch's scores.
    public let threshold: Double
    /// The Monte Carlo p-value of the observed ECE under calibration.
    public let pValue: Double
    public let simulations: Int
    /// The logit-scale error of the model's base rate the null allowed for (0: exactly calibrated).
    public let modelBaseRateError: Double
}
