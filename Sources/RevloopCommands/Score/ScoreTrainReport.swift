internal import RevloopScoring

/// What `score train` prints as JSON: per-fold and mean metrics, and the final model's checks.
struct ScoreTrainReport: Encodable {
    struct Fold: Encodable {
        var fold: Int
        var trainingRows: Int
        var validationRows: Int
        var metrics: BinaryMetrics
        var fitMilliseconds: Double
        /// Processor time of the fit over all its threads (wall time alone hides how busy the machine was).
        var fitCPUMilliseconds: Double
        var l2: Double
        /// Trees: leaves per tree this fold's fit used (chosen on its inner folds when candidates were given).
        var leaves: Int?
    }

    struct Mean: Encodable {
        var auc: Double
        var prAUC: Double
        var logLoss: Double
        var brier: Double
        var ece: Double
        var liftAtTopDecile: Double
        var fitMilliseconds: Double
        var fitCPUMilliseconds: Double
    }

    struct Additivity: Encodable {
        var rows: Int
        /// max over rows of |base + Σ contributions − raw margin|.
        var maximumError: Double
        /// Logistic only: max |contribution − coefficient × standardized value| over rows and columns.
        var maximumLinearMismatch: Double?
    }

    var file: String
    var label: String
    var model: ModelKind
    var calibration: CalibrationMethod
    /// Trees: the leaf counts given (several: chosen per fit on its inner folds).
    var leaves: [Int]?
    var rows: Int
    var positives: Int
    var features: Int
    var folds: [Fold]
    var mean: Mean?
    var modelFile: String?
    var additivity: Additivity?
}
