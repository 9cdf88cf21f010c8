internal import Foundation

/// Checks a batch of scored rows against a model's reference population and says what drifted.
///
/// `settings.alpha` is the false-alarm budget of one whole check: the chance that a batch with no drift
/// raises any alarm at all. It is split evenly over the families of tests that run (every feature's PSI;
/// every numeric feature's KS test; the model's own: score PSI, score KS and, with labels, ECE), and
/// within a family by `settings.correction`: under Bonferroni, each of the d tests of a family runs at
/// alpha / (families x d).
public struct DriftMonitor: Sendable {
    public let reference: DriftReference
    public let settings: DriftSettings

    public init(reference: DriftReference, settings: DriftSettings = DriftSettings()) {
        self.reference = reference
        self.settings = settings
    }

    /// Runs every test on `batch`. Reference features the batch lacks are not checked. `random` drives
    /// only the ECE null simulation: seed it for a reproducible report.
    public func check(_ batch: DriftBatch, random: inout some RandomNumberGenerator) -> DriftReport {
        let alpha = settings.alpha
        var columns: [String: FeatureColumn] = [:]
        for column in batch.features { columns[column.name] = column }

        // Input drift: the statistics first, then the thresholds, which depend on the whole family.
        var measured: [(reference: FeatureReference, psi: PopulationStabilityIndex, ks: KolmogorovSmirnovTest?)] = []
        for feature in reference.features {
            guard let column = columns[feature.name] else { continue }
            switch feature.distribution {
            case .continuous(let continuous):
                let values = column.values.map(FeatureReference.number)
                let current = values.compactMap { $0 }.sorted()
                measured.append(
                    (
                        reference: feature, psi: PopulationStabilityIndex(reference: continuous, current: values),
                        ks: KolmogorovSmirnovTest(
                            sortedReference: continuous.sortedValues, sortedCurrent: current,
                            method: settings.ksMethod)
                    ))
            case .categorical(let categorical):
                let values = column.values.map(FeatureReference.categoryText)
                measured.append(
                    (
                        reference: feature, psi: PopulationStabilityIndex(reference: categorical, current: values),
                        ks: nil
                    ))
            }
        }
        let psiPValues = measured.filter { $0.psi.degreesOfFreedom > 0 }.map(\.psi.pValue)
        let ksPValues = measured.compactMap { $0.ks?.pValue }
        let familyCount = 1 + (psiPValues.isEmpty ? 0 : 1) + (ksPValues.isEmpty ? 0 : 1)
        let familyAlpha = alpha / Double(familyCount)
        let psiLevel = settings.correction.level(alpha: familyAlpha, pValues: psiPValues)
        let ksLevel = settings.correction.level(alpha: familyAlpha, pValues: ksPValues)
        var alarms: [DriftAlarm] = []
        var inputDrift: [FeatureDrift] = []
        for item in measured {
            let threshold = item.psi.criticalValue(alpha: psiLevel)
            var isDrifted = false
            if let threshold, item.psi.pValue <= psiLevel {
                isDrifted = true
                alarms.append(psiAlarm(.featurePSI, subject: item.reference.name, item.psi, threshold, psiLevel))
            }
            if let ks = item.ks, ks.pValue <= ksLevel {
                isDrifted = true
                alarms.append(ksAlarm(.featureKS, subject: item.reference.name, ks, ksLevel))
            }
            let isCategorical = if case .categorical = item.reference.distribution { true } else { false }
            inputDrift.append(
                FeatureDrift(
                    name: item.reference.name, isCategorical: isCategorical, psi: item.psi, psiThreshold: threshold,
                    ks: item.ks, isDrifted: isDrifted))
        }

        // Output and calibration drift: one family.
        let probabilities = batch.probabilities
        let scorePSI = PopulationStabilityIndex(reference: reference.score, current: probabilities)
        let scoreKS = KolmogorovSmirnovTest(
            sortedReference: reference.score.sortedValues,
            sortedCurrent: probabilities.filter(\.isFinite).sorted(), method: settings.ksMethod)
        var calibrationSummary: CalibrationSummary?
        var nullDistribution: CalibrationNullDistribution?
        if let outcomes = batch.outcomes, !probabilities.isEmpty {
            let summary = CalibrationSummary(
                probabilities: probabilities, outcomes: outcomes, binning: settings.calibrationBinning,
                binCount: settings.calibrationBinCount)
            calibrationSummary = summary
            nullDistribution = CalibrationNullDistribution(
                probabilities: probabilities, binning: settings.calibrationBinning,
                binCount: settings.calibrationBinCount, simulations: settings.calibrationSimulations,
                logitOffsetStandardDeviation: modelBaseRateError, random: &random)
        }
        var outputPValues: [Double] = []
        if scorePSI.degreesOfFreedom > 0 { outputPValues.append(scorePSI.pValue) }
        if let scoreKS { outputPValues.append(scoreKS.pValue) }
        if let calibrationSummary, let nullDistribution {
            outputPValues.append(nullDistribution.pValue(of: calibrationSummary.expectedCalibrationError))
        }
        let outputLevel = settings.correction.level(alpha: familyAlpha, pValues: outputPValues)
        let scorePSIThreshold = scorePSI.criticalValue(alpha: outputLevel)
        if let scorePSIThreshold, scorePSI.pValue <= outputLevel {
            alarms.append(psiAlarm(.scorePSI, subject: "score", scorePSI, scorePSIThreshold, outputLevel))
        }
        if let scoreKS, scoreKS.pValue <= outputLevel {
            alarms.append(ksAlarm(.scoreKS, subject: "score", scoreKS, outputLevel))
        }
        var calibration: CalibrationDrift?
        var verdict = ServingVerdict(
            shouldStopServing: false,
            reason: "no outcomes in this batch: calibration is checked once deals have closed")
        if let summary = calibrationSummary, let nullDistribution {
            let error = summary.expectedCalibrationError
            let threshold = nullDistribution.threshold(level: outputLevel)
            let pValue = nullDistribution.pValue(of: error)
            calibration = CalibrationDrift(
                summary: summary, threshold: threshold, pValue: pValue, simulations: settings.calibrationSimulations,
                modelBaseRateError: modelBaseRateError)
            let isAlarm = pValue <= outputLevel
            if isAlarm {
                alarms.append(
                    DriftAlarm(
                        kind: .calibrationECE, subject: "score", statistic: error, threshold: threshold, pValue: pValue,
                        level: outputLevel,
                        explanation: "ECE \(Self.format(error)) over \(settings.calibrationBinCount) "
                            + "\(settings.calibrationBinning.rawValue) bins is above \(Self.format(threshold)), the "
                            + "\(Self.format(100 * (1 - outputLevel)))% quantile of ECE for a calibrated model on these "
                            + "\(summary.count) scores (\(settings.calibrationSimulations) simulations); the model "
                            + (summary.calibrationInTheLarge < 0 ? "under" : "over") + "-predicts on average: mean "
                            + "probability \(Self.format(summary.meanProbability)) against an observed win rate of "
                            + "\(Self.format(summary.observedRate))"))
            }
            verdict = Self.verdict(
                isAlarm: isAlarm, error: error, threshold: threshold,
                criterion: settings.shutdown)
        }
        let referenceBands = settings.bands.counts(probabilities: reference.score.sortedValues)
        let currentBands = settings.bands.counts(probabilities: probabilities)
        let ranges = [
            "\(settings.bands.aMinimum)-100", "\(settings.bands.bMinimum)-\(settings.bands.aMinimum - 1)",
            "0-\(settings.bands.bMinimum - 1)",
        ]
        let bandShares = (0..<3).map { index in
            BandShare(
                band: settings.bands.labels[index], range: ranges[index],
                referenceShare: Self.share(referenceBands[index], referenceBands.reduce(0, +)),
                currentShare: Self.share(currentBands[index], currentBands.reduce(0, +)))
        }
        let outputDrift = OutputDrift(
            psi: scorePSI, psiThreshold: scorePSIThreshold, ks: scoreKS,
            ksThreshold: scoreKS.map { Self.criticalStatistic(level: outputLevel, ks: $0) },
            bands: bandShares,
            referenceMeanProbability: Self.mean(reference.score.sortedValues),
            currentMeanProbability: Self.mean(probabilities))
        return DriftReport(
            settings: settings, familyCount: familyCount, referenceSize: reference.score.size,
            currentSize: probabilities.count,
            inputDrift: inputDrift, outputDrift: outputDrift, calibration: calibration, alarms: alarms,
            verdict: verdict)
    }

    /// The standard error of the model's base rate on the logit scale, 1 / sqrt(n p (1 - p)), from the
    /// rows it was fitted on and the reference's mean probability; 0 when the rows are not known.
    public var modelBaseRateError: Double {
        guard let rows = settings.modelTrainingRows, rows > 0 else { return 0 }
        let mean = Self.mean(reference.score.sortedValues)
        guard mean > 0 && mean < 1 else { return 0 }
        return 1 / (Double(rows) * mean * (1 - mean)).squareRoot()
    }

    static func verdict(
        isAlarm: Bool, error: Double, threshold: Double, criterion: CalibrationShutdownCriterion
    ) -> ServingVerdict {
        let limit = criterion.maximumExpectedCalibrationError
        if isAlarm && error > limit {
            return ServingVerdict(
                shouldStopServing: true,
                reason: "calibration drifted: ECE \(format(error)) is beyond chance (threshold \(format(threshold))) "
                    + "and above the shutdown criterion \(format(limit)); stop sending this model's values and fall "
                    + "back to the stage probability until it is retrained")
        }
        if isAlarm {
            return ServingVerdict(
                shouldStopServing: false,
                reason: "ECE \(format(error)) is beyond chance but within the shutdown criterion \(format(limit)); "
                    + "keep serving and plan a retrain")
        }
        return ServingVerdict(
            shouldStopServing: false,
            reason: "ECE \(format(error)) is within what chance gives on this batch (threshold \(format(threshold)))")
    }

    private func psiAlarm(
        _ kind: DriftAlarm.Kind, subject: String, _ psi: PopulationStabilityIndex, _ threshold: Double, _ level: Double
    ) -> DriftAlarm {
        DriftAlarm(
            kind: kind, subject: subject, statistic: psi.value, threshold: threshold, pValue: psi.pValue, level: level,
            explanation: "PSI of '\(subject)' is \(Self.format(psi.value)), above \(Self.format(threshold)) = "
                + "(1/\(psi.referenceSize) + 1/\(psi.currentSize)) x chi2 quantile at level \(Self.format(level)) with "
                + "\(psi.degreesOfFreedom) degrees of freedom (p = \(Self.format(psi.pValue))); conventional band: "
                + psi.band.rawValue)
    }

    private func ksAlarm(
        _ kind: DriftAlarm.Kind, subject: String, _ ks: KolmogorovSmirnovTest, _ level: Double
    ) -> DriftAlarm {
        let critical = Self.criticalStatistic(level: level, ks: ks)
        return DriftAlarm(
            kind: kind, subject: subject, statistic: ks.statistic, threshold: critical, pValue: ks.pValue, level: level,
            explanation: "KS distance of '\(subject)' is \(Self.format(ks.statistic)), above the critical "
                + "\(Self.format(critical)) for \(ks.referenceSize) against \(ks.currentSize) rows (p = "
                + "\(Self.format(ks.pValue)) <= \(Self.format(level))): the two distributions differ")
    }

    /// The smallest D whose p-value is at or under `level`, for the test's sample sizes and method
    /// (bisection).
    static func criticalStatistic(level: Double, ks: KolmogorovSmirnovTest) -> Double {
        var low = 0.0
        var high = 1.0
        for _ in 0..<60 {
            let middle = (low + high) / 2
            let (p, _) = KolmogorovSmirnovTest.pValue(
                statistic: middle, referenceSize: ks.referenceSize, currentSize: ks.currentSize, method: ks.method)
            if p <= level { high = middle } else { low = middle }
        }
        return high
    }

    private static func share(_ count: Int, _ total: Int) -> Double {
        total == 0 ? 0 : Double(count) / Double(total)
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
