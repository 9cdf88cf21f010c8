/// How raw log-odds become calibrated probabilities.
public enum CalibrationMethod: String, Codable, Hashable, Sendable, CaseIterable {
    /// p = σ(slope·margin + intercept) (Platt 1999): two parameters, safe with few positives.
    case platt
    /// A non-decreasing step-then-linear map fitted by pool-adjacent-violators: any monotone distortion,
    /// but it needs more held-out rows.
    case isotonic
    /// p = σ(margin).
    case none
}
