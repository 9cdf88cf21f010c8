public import RevloopCore

/// Where a `predicted` goal's win probability comes from: the active scoring model, as of the moment a
/// stage was entered. The planner stays pure; the estimator it is handed holds a trained model.
public protocol WinProbabilityEstimator: Sendable {
    /// The deal's calibrated win probability as of `time`, or `nil` when no model may score it (none
    /// active, or the active one stopped by drift): the goal then falls back to stage probability.
    func winProbability(of context: DealContext, at time: Timestamp) -> EstimatedWinProbability?
}
