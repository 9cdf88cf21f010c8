internal import RevloopScoring

/// The wrong-label symptom: a model whose scores rank "a meeting was booked" much better than they rank
/// closed-won learned activity, not revenue (it was trained on, or leaks, a meeting-like label).
enum LabelCheck {
    /// How much better the scores must rank meetings than wins to warn, in AUC.
    static let margin = 0.1

    static func warning(probabilities: [Double], labels: [Bool], meetings: [Bool]) -> String? {
        guard meetings.contains(true), meetings.contains(false), labels.contains(true), labels.contains(false) else {
            return nil
        }
        let won = BinaryMetrics(probabilities: probabilities, labels: labels).auc
        let meeting = BinaryMetrics(probabilities: probabilities, labels: meetings).auc
        guard meeting - won > margin else { return nil }
        return "the scores rank 'meeting booked' (AUC \(ScoreModelSummary.fixed(meeting, 3))) much better than "
            + "closed-won (AUC \(ScoreModelSummary.fixed(won, 3))): the model learned activity, not revenue. "
            + "Check that the label is the closed outcome and that no feature is recorded after it."
    }
}
