import RevloopCore
import Testing

@testable import RevloopScoring

@Suite struct CalibrationTests {
    @Test func expectedCalibrationErrorWeighsEachBinByItsRows() {
        // Bin (0.1, 0.2]: p 0.15 x 4, one win: |0.25 - 0.15| = 0.1, weight 0.4.
        // Bin (0.8, 0.9]: p 0.85 x 6, six wins: |1 - 0.85| = 0.15, weight 0.6. ECE = 0.04 + 0.09 = 0.13.
        let probabilities = [0.15, 0.15, 0.15, 0.15, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85]
        let outcomes = [true, false, false, false, true, true, true, true, true, true]
        let summary = CalibrationSummary(probabilities: probabilities, outcomes: outcomes)
        #expect(abs(summary.expectedCalibrationError - 0.13) < 1e-12)
        #expect(summary.bins.count == 2)
        // Mean p 0.57, observed 0.7: the model under-predicts by 0.13.
        #expect(abs(summary.calibrationInTheLarge - (0.57 - 0.7)) < 1e-12)
        // Brier: 4 x (0.15^2 ... ) = (0.85^2 + 3 x 0.15^2 + 6 x 0.15^2) / 10.
        #expect(abs(summary.brierScore - (0.7225 + 9 * 0.0225) / 10) < 1e-12)
    }

    @Test func equalWidthBinsAreRightClosedLikeSklearn() {
        // 0.1 belongs to the first bin (sklearn's calibration_curve), 0.1000001 to the second.
        let bins = CalibrationBinning.equalWidth.assignments(probabilities: [0.1, 0.1000001, 0, 1], binCount: 10)
        #expect(bins == [0, 1, 0, 9])
    }

    @Test func equalMassBinsHoldTheSameNumberOfRows() {
        let probabilities = (0..<100).map { Double($0) / 1000 }
        let bins = CalibrationBinning.equalMass.assignments(probabilities: probabilities, binCount: 10)
        for bin in 0..<10 { #expect(bins.filter { $0 == bin }.count == 10) }
    }

    @Test func decilesComparePredictedWithObservedWinRates() {
        let probabilities = (0..<1000).map { Double($0) / 1000 }
        let outcomes = (0..<1000).map { $0 % 2 == 0 }
        let summary = CalibrationSummary(probabilities: probabilities, outcomes: outcomes)
        #expect(summary.deciles.count == 10)
        #expect(summary.deciles.allSatisfy { $0.count == 100 && $0.observedRate == 0.5 })
        #expect(abs(summary.deciles[0].meanProbability - 0.0495) < 1e-12)
    }

    @Test func aSmallBatchWithFewWinsDoesNotLookMiscalibrated() {
        // 60 leads at 5%: three wins expected. Whatever happens, ECE is noisy; the simulated null knows.
        let probabilities = [Double](repeating: 0.05, count: 60)
        var outcomes = [Bool](repeating: false, count: 60)
        outcomes[0] = true
        outcomes[1] = true
        outcomes[2] = true
        outcomes[3] = true
        outcomes[4] = true
        outcomes[5] = true
        // Six wins instead of three: ECE 0.05, which a fixed 0.02 limit would call drift.
        let summary = CalibrationSummary(probabilities: probabilities, outcomes: outcomes)
        #expect(abs(summary.expectedCalibrationError - 0.05) < 1e-12)
        var random = SeededRandomNumberGenerator(seed: 7)
        let null = CalibrationNullDistribution(
            probabilities: probabilities, binning: .equalWidth, binCount: 10, simulations: 2000, random: &random)
        #expect(null.pValue(of: summary.expectedCalibrationError) > 0.05)
        #expect(null.threshold(level: 0.05) >= 0.05)
    }

    @Test func aLargeMiscalibratedBatchIsCaught() {
        // 2,000 leads predicted at 5% that win 10% of the time.
        let probabilities = [Double](repeating: 0.05, count: 2000)
        let outcomes = (0..<2000).map { $0 % 10 == 0 }
        let summary = CalibrationSummary(probabilities: probabilities, outcomes: outcomes)
        var random = SeededRandomNumberGenerator(seed: 7)
        let null = CalibrationNullDistribution(
            probabilities: probabilities, binning: .equalWidth, binCount: 10, simulations: 1000, random: &random)
        #expect(null.pValue(of: summary.expectedCalibrationError) == 1.0 / 1001)
        #expect(null.threshold(level: 0.05) < 0.02)
    }
}

@Suite struct CalibrationNullWithModelErrorTests {
    @Test func allowingForTheModelsBaseRateErrorRaisesTheThreshold() {
        // 1,000 leads at 5%: a model fitted on 3,000 rows has a base-rate error of 1 / sqrt(3000 x 0.05 x 0.95)
        // = 0.084 on the logit scale, which widens what an in-distribution batch can show.
        let probabilities = (0..<1000).map { 0.02 + 0.06 * Double($0) / 1000 }
        var exact = SeededRandomNumberGenerator(seed: 11)
        var fitted = SeededRandomNumberGenerator(seed: 11)
        let strict = CalibrationNullDistribution(
            probabilities: probabilities, binning: .equalWidth, binCount: 10, simulations: 1000, random: &exact)
        let allowing = CalibrationNullDistribution(
            probabilities: probabilities, binning: .equalWidth, binCount: 10, simulations: 1000,
            logitOffsetStandardDeviation: 1 / (3000 * 0.05 * 0.95).squareRoot(), random: &fitted)
        #expect(allowing.threshold(level: 0.01) > strict.threshold(level: 0.01) * 1.05)
        // The same ECE is less surprising once the model's own error is allowed for.
        #expect(strict.pValue(of: 0.006) < allowing.pValue(of: 0.006))
    }
}
