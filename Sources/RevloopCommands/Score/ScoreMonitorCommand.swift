internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopScoring

/// `revloop score monitor`: input, output and calibration drift of a scored batch against the model's
/// reference population, from two CSV files written by `revloop score predict`.
struct ScoreMonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Check a scored batch for input, output and calibration drift against the reference population.",
        discussion: """
            Input drift: PSI per feature over reference deciles (categories for text columns), with the \
            sample-size-aware threshold (1/n + 1/m) x chi2_{1-level}(B - 1), and a two-sample KS test per \
            numeric feature. Output drift: PSI and KS on the score, and the share of leads per band \
            (A >= 70, B 40-69, C < 40). Calibration drift (with --label): ECE, calibration-in-the-large, \
            Brier and predicted against observed win rate by decile; the ECE alarm threshold is simulated on \
            the batch's own scores, so a small batch with few wins does not false-alarm.

            --alpha is the chance that a batch with no drift raises any alarm: it is split evenly over the \
            families of tests that run (feature PSI, feature KS, and the model's own: score PSI, score KS, \
            ECE), and within a family by --correction. A model whose ECE alarm fires and whose ECE exceeds --max-ece \
            gets the verdict STOP SERVING.

            With --batches N --batch-size M, draws N random batches of M rows from --current and reports \
            how often each alarm fired: on an in-distribution file, the false-alarm rate.

            Without --reference and --current, checks the project's active deal model against the deals that \
            closed since it was trained (--since to choose; --purpose lead: the active lead model against the \
            leads whose revenue outcome was decided since), using the reference stored with the model; a \
            STOP SERVING verdict (ECE past scoring.shutdown_ece) stops the model, so `predicted` goals fall back \
            to stage probability, and raises the scoring_stopped alert (--no-stop only reports).

            Exit codes: 0 no alarm; 1 an alarm fired (a single check); 64 bad arguments; 3 unreadable files.

            Example: revloop score monitor --reference train-scored.csv --current week-48.csv \
            --score probability --label won
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The reference population, scored (the model's training or validation set).")
    var reference: String?

    @Option(help: "The batch to check, scored.")
    var current: String?

    @Option(help: "The column holding the calibrated probability (or the 0-100 score).")
    var score: String = "probability"

    @Option(
        help: "Project model: check deals closed (leads decided) since this day (YYYY-MM-DD; default: its training).")
    var since: String?

    @Option(help: "Project model: deal (the default) or lead: which active model to check.")
    var purpose: ScoringPurpose = .deal

    @Flag(help: "Project model: report a STOP SERVING verdict without stopping the model.")
    var noStop = false

    @Option(help: "How --score is written: auto, probability (0-1) or points (0-100).")
    var scoreScale: MonitorDataset.ScoreScale = .auto

    @Option(help: "The closed-outcome column (1/0, true/false, won/lost), for calibration drift.")
    var label: String?

    @Option(
        help: """
            Feature columns to check, comma-separated, 'all' (every column but the score, the label and the \
            probability, score and top_factors columns `score predict` adds) or 'none'.
            """)
    var features: String = "all"

    @Option(help: "False-alarm budget of one check, split over the families of tests.")
    var alpha: Double = 0.05

    @Option(help: "Multiple-testing control: bonferroni or benjamini-hochberg.")
    var correction: String = MultipleTestingCorrection.bonferroni.rawValue

    @Option(help: "KS p-value: asymp (scipy's 'asymp'), exact (lattice paths), or auto (exact up to 10,000 rows).")
    var ksMethod: String = KolmogorovSmirnovMethod.asymptotic.rawValue

    @Option(help: "Quantile bins per numeric feature and for the score.")
    var bins: Int = 10

    @Option(help: "ECE bins: equal-width or equal-mass.")
    var calibrationBinning: String = CalibrationBinning.equalWidth.rawValue

    @Option(help: "Outcome vectors simulated for the ECE threshold.")
    var simulations: Int = 1000

    @Option(
        help: """
            Rows the model was trained on: the ECE null allows for the error of a base rate learned from \
            that many rows. Default: the reference's row count (the reference is the training set); 0 treats \
            the model as exactly calibrated.
            """)
    var trainingRows: Int?

    @Option(help: "ECE above which a significant calibration drift stops the model (the shutdown criterion).")
    var maxECE: Double = 0.02

    @Option(help: "Seed of the ECE simulation and of the batch draws.")
    var seed: UInt64 = 1

    @Option(help: "False-alarm study: how many random batches to draw from --current.")
    var batches: Int?

    @Option(help: "False-alarm study: rows per batch.")
    var batchSize: Int?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, such as 0.05") }
        guard MultipleTestingCorrection(rawValue: correction) != nil else {
            throw ValidationError("--correction is bonferroni or benjamini-hochberg")
        }
        guard CalibrationBinning(rawValue: calibrationBinning) != nil else {
            throw ValidationError("--calibration-binning is equal-width or equal-mass")
        }
        guard KolmogorovSmirnovMethod(rawValue: ksMethod) != nil else {
            throw ValidationError("--ks-method is asymp, exact or auto")
        }
        guard bins >= 2 else { throw ValidationError("--bins must be at least 2 (10 gives deciles)") }
        guard simulations >= 100 else { throw ValidationError("--simulations must be at least 100 (1000 is usual)") }
        guard maxECE > 0 else { throw ValidationError("--max-ece must be positive, such as 0.02") }
        if (batches == nil) != (batchSize == nil) {
            throw ValidationError("--batches and --batch-size go together: pass both, or neither")
        }
        if let batches, batches < 1 { throw ValidationError("--batches must be at least 1") }
        if let batchSize, batchSize < 2 { throw ValidationError("--batch-size must be at least 2") }
        if let trainingRows, trainingRows < 0 { throw ValidationError("--training-rows must be 0 or more") }
    }

    func run() async throws {
        let output = Output(progress: false)
        guard let reference, let current else {
            guard self.reference == nil, self.current == nil else {
                throw ValidationError("--reference and --current go together (or neither, for the project's model)")
            }
            try await checkProjectModel(output: output)
            return
        }
        do {
            try check(output: output, reference: reference, current: current)
        } catch let error as ScoreCommandError {
            output.error(error.description)
            throw ExitStatus.runFailed
        }
    }

    private func check(output: Output, reference: String, current: String) throws {
        let referenceTable = try ScoreCSVFile(path: reference)
        let currentTable = try ScoreCSVFile(path: current)
        let featureNames = try featureList(referenceTable)
        let referenceData = try MonitorDataset(
            table: referenceTable, scoreColumn: score, scale: scoreScale, labelColumn: nil, features: featureNames,
            numericColumns: nil)
        let currentData = try MonitorDataset(
            table: currentTable, scoreColumn: score, scale: scoreScale, labelColumn: label, features: featureNames,
            numericColumns: referenceData.numericColumns)
        guard !referenceData.batch.probabilities.isEmpty else {
            throw ScoreCommandError("\(reference): error: the reference has no rows; score the training set first")
        }
        guard !currentData.batch.probabilities.isEmpty else {
            throw ScoreCommandError("\(current): error: the current file has no rows to check")
        }
        let driftReference = DriftReference(
            features: referenceData.batch.features, probabilities: referenceData.batch.probabilities, binCount: bins)
        let settings = DriftSettings(
            alpha: alpha, correction: MultipleTestingCorrection(rawValue: correction) ?? .bonferroni,
            calibrationBinning: CalibrationBinning(rawValue: calibrationBinning) ?? .equalWidth,
            ksMethod: KolmogorovSmirnovMethod(rawValue: ksMethod) ?? .asymptotic,
            calibrationSimulations: simulations,
            modelTrainingRows: trainingRows ?? referenceData.batch.probabilities.count,
            shutdown: CalibrationShutdownCriterion(maximumExpectedCalibrationError: maxECE))
        let monitor = DriftMonitor(reference: driftReference, settings: settings)
        var random = SeededRandomNumberGenerator(seed: seed)

        if let batches, let batchSize {
            guard batchSize <= currentData.batch.probabilities.count else {
                throw ValidationError(
                    "--batch-size \(batchSize) is larger than \(current)'s \(currentData.batch.probabilities.count) "
                        + "rows; pass a smaller batch size")
            }
            let study = FalseAlarmStudy(
                monitor: monitor, population: currentData.batch, batches: batches, batchSize: batchSize,
                random: &random)
            switch format {
            case .json: try output.json(study)
            case .text:
                output.result(
                    studyText(study, featureCount: featureNames.count, reference: reference, current: current))
            }
            return
        }

        let report = monitor.check(currentData.batch, random: &random)
        switch format {
        case .json: try output.json(report)
        case .text:
            output.result(
                DriftReportText(
                    report: report, referencePath: reference, currentPath: current, scoreColumn: score,
                    labelColumn: label
                ).text)
        }
        if !report.alarms.isEmpty { throw ExitStatus.recordsRejected }
    }

    private func featureList(_ table: ScoreCSVFile) throws -> [String] {
        switch features.trimmingCharacters(in: .whitespaces).lowercased() {
        case "none", "": return []
        case "all":
            let excluded = Set([score, label ?? "", "probability", "score", "top_factors"])
            return table.header.filter { !excluded.contains($0) && !$0.isEmpty }
        default:
            let names = features.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where name == score || name == label {
                throw ValidationError("--features lists '\(name)', which is the score or label column; leave it out")
            }
            return names
        }
    }

    private func studyText(_ study: FalseAlarmStudy, featureCount: Int, reference: String, current: String) -> String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
        var lines = [
            "False-alarm study: \(study.batches) batches of \(study.batchSize) rows drawn from \(current), checked "
                + "against \(reference); alpha \(alpha) for a whole check (\(correction)), \(featureCount) features",
            "",
            "Share of batches on which each alarm fired:",
        ]
        for kind in DriftAlarm.Kind.allCases {
            lines.append(
                "  " + kind.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + percent(study.alarmRates[kind.rawValue] ?? 0))
        }
        lines.append("  output family (score PSI, score KS, ECE): \(percent(study.outputAlarmRate))")
        lines.append("  input families (feature PSI, feature KS): \(percent(study.inputAlarmRate))")
        lines.append("  any alarm: \(percent(study.anyAlarmRate))")
        lines.append("  stop-serving verdicts: \(percent(study.stopServingRate))")
        return lines.joined(separator: "\n")
    }
}

extension MonitorDataset.ScoreScale: ExpressibleByArgument {}
