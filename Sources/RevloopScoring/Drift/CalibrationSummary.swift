/// How well predicted win probabilities matched outcomes on one batch.
public struct CalibrationSummary: Sendable, Hashable, Codable {
    /// ECE = sum over bins of (n_b / N) |observed rate - mean probability|.
    public let expectedCalibrationError: Double
    public let binning: CalibrationBinning
    /// The bins behind the ECE.
    public let bins: [CalibrationBin]
    /// Calibration-in-the-large: mean probability - observed rate (positive: the model over-predicts).
    public let calibrationInTheLarge: Double
    /// Brier score: mean (p - y)^2.
    public let brierScore: Double
    public let meanProbability: Double
    public let observedRate: Double
    /// Predicted against observed win rate by decile of predicted probability (equal-mass tenths).
    public let deciles: [CalibrationBin]
    public let count: Int

    /// Summarizes `probabilities` against `outcomes` (true = won); the arrays must be equally long and
    /// non-empty.
    public init(
        probabilities: [Double], outcomes: [Bool], binning: CalibrationBinning = .equalWidth, binCount: Int = 10
    ) {
        precondition(probabilities.count == outcomes.count && !probabilities.isEmpty)
        let assignments = binning.assignments(probabilities: probabilities, binCount: binCount)
        bins = CalibrationBin.group(
            probabilities: probabilities, outcomes: outcomes, assignments: assignments, binCount: binCount)
        expectedCalibrationError = Self.expectedCalibrationError(bins: bins, total: probabilities.count)
        self.binning = binning
        count = probabilities.count
        let positives = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
        meanProbability = probabilities.reduce(0, +) / Double(count)
        observedRate = Double(positives) / Double(count)
        calibrationInTheLarge = meanProbability - observedRate
        var squared = 0.0
        for row in probabilities.indices {
            let difference = probabilities[row] - (outcomes[row] ? 1 : 0)
            squared += difference * difference
        }
        brierScore = squared / Double(count)
        deciles = CalibrationBin.group(
            probabilities: probabilities, outcomes: outcomes,
            assignments: CalibrationBinning.equalMass.assignments(probabilities: probabilities, binCount: 10),
            binCount: 10)
    }

    static func expectedCalibrationError(bins: [CalibrationBin], total: Int) -> Double {
        var error = 0.0
        for bin in bins {
            error += Double(bin.count) / Double(total) * abs(bin.observedRate - bin.meanProbability)
        }
        return error
    }
}
