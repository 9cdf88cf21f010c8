/// One alarm that fired: which test, on what, the statistic against its threshold, and why in words.
public struct DriftAlarm: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case featurePSI = "feature-psi"
        case featureKS = "feature-ks"
        case scorePSI = "score-psi"
        case scoreKS = "score-ks"
        case calibrationECE = "calibration-ece"
    }

    public let kind: Kind
    /// The feature name, or `score`.
    public let subject: String
    /// PSI, KS D or ECE.
    public let statistic: Double
    /// The value the statistic passed (PSI and ECE: a critical value; KS: the critical D is not used,
    /// see `pValue` against `level`).
    public let threshold: Double
    public let pValue: Double
    /// The p-value level the test needed to beat after the family's correction.
    public let level: Double
    public let explanation: String
}
