/// How the served model is obtained once the inner folds have given every training row a held-out prediction
/// (for the calibrator, and the logistic L2).
public enum FinalModel: String, Codable, Hashable, Sendable, CaseIterable {
    /// Fit once more on all the training rows (scikit-learn's `CalibratedClassifierCV(ensemble=False)`). The
    /// calibrator then maps a model it was not fitted on, one trained on more rows.
    case refit
    /// Serve the mean of the inner folds' tree ensembles: no further fit, and the calibrator maps the models
    /// whose held-out predictions it was fitted on. Trees only (their mean is again a sum of trees).
    case foldAverage = "fold-average"
}
