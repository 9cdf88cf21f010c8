/// The model family.
public enum ModelKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// L2-regularized logistic regression: the calibrated, exactly explainable default.
    case logistic
    /// Histogram gradient-boosted trees: interactions and thresholds, explained by TreeSHAP.
    case gbdt
}
