internal import ArgumentParser
internal import Foundation
internal import RevloopScoring

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// `revloop score train`: cross-validates a model on a CSV file, then fits it on every row.
struct ScoreTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the deal or lead model from the store, or cross-validate a model on a CSV file and fit it.",
        discussion: """
            Every column except the label (and --fold-column, --exclude) is a feature: numbers where every \
            non-empty value is a number, categories otherwise; an empty cell is missing. Each fold is scored \
            by a model trained only on the other folds: AUC, PR-AUC (average precision), log-loss, Brier, \
            ECE (10 equal-width bins), lift in the top 10 %, and the fit time (encoding, model and \
            calibration). Calibration is fitted on inner folds of the training rows, never on rows the model \
            trained on.

            The label must be a closed outcome with two values: 1/0, true/false, yes/no or won/lost.

            Without --csv, trains the deal win-probability model from the store: every deal that closed (won, or \
            lost; a refund is a loss) within scoring.window_days, its features (firmographics, its contacts' \
            engagement, source, stage) cut at a point of its open life so nothing after it leaks in; validated \
            on the latest 20% of deals by time; saved to the registry with its window, data fingerprint, \
            metrics and drift reference. `revloop score activate VERSION` (or --activate) puts it in use.

            With --purpose lead, trains the lead model instead: one row per person (their CRM contacts joined \
            through the identity graph), cut at the moment they became a lead (first form submit, else their \
            first record's creation), with firmographics, engagement before that moment and the source of the \
            conversion; labelled won when any of their deals closed won, lost when all closed lost. Leads with \
            no deal, or an open one and no win, are censored: counted, never labelled. Window: \
            scoring.lead.window_days (default scoring.window_days).

            Examples:
              revloop score train --activate
              revloop score train --purpose lead --activate
              revloop score train --csv deals.csv --label outcome --model logistic --out model.json
              revloop score train --csv deals.csv --label won --model gbdt --calibration isotonic --folds 10
              revloop score train --csv deals.csv --label won --model gbdt --fold-column fold --check-additivity
            """)

    @OptionGroup var project: ProjectOptions

    @Option(
        help: ArgumentHelp(
            "The CSV file of closed deals or leads, one row each, with a header line.",
            discussion: "Without --csv, trains the project's deal model from the store (see below)."))
    var csv: String?

    @Option(help: "With --csv: the column holding the closed outcome (1/0, true/false, yes/no, won/lost).")
    var label: String?

    @Option(help: "From the store: deal (the default; the win probability of open deals) or lead (one row per person).")
    var purpose: ScoringPurpose?

    @Flag(help: "From the store: make the trained model the active one at once.")
    var activate = false

    @Option(
        help: """
            logistic (L2-regularized, exactly explainable) or gbdt (histogram gradient-boosted trees); default: \
            logistic, or scoring.model from the store.
            """)
    var model: ModelChoice?

    @Option(help: "platt, isotonic or none: how raw scores become calibrated probabilities.")
    var calibration: CalibrationChoice = .platt

    @Option(help: "Inner folds whose held-out predictions fit the calibrator (and choose the logistic L2).")
    var calibrationFolds: Int = TrainingOptions().calibrationFolds

    @Option(
        help: """
            gbdt: the model served after calibration: fold-average (the inner folds' trees averaged, no further \
            fit; the default) or refit (one more fit on all rows). A logistic model is always refitted.
            """)
    var finalModel: FinalModelChoice?

    @Option(help: "Threads for the independent fits (inner folds, final model); default: one per fit.")
    var threads: Int?

    @Option(help: "Stratified cross-validation folds (0 skips cross-validation).")
    var folds: Int = 5

    @Option(help: "Seed for the fold shuffles (the same seed gives the same folds and the same model).")
    var seed: UInt64 = 42

    @Option(help: "Use this column's integer values as the fold of each row instead of --folds (not a feature).")
    var foldColumn: String?

    @Option(help: "Comma-separated columns to read as categories even when they hold numbers (codes, IDs).")
    var categorical: String?

    @Option(help: "Comma-separated columns to leave out (row IDs, anything known only after the outcome).")
    var exclude: String?

    @Option(help: "L2 strength (scikit-learn's 1/C for logistic, the leaf L2 for gbdt); default: chosen by inner CV.")
    var l2: Double?

    @Option(help: "gbdt: number of trees.")
    var trees: Int = BoostingParameters().trees

    @Option(help: "gbdt: shrinkage applied to every tree.")
    var learningRate: Double = BoostingParameters().learningRate

    @Option(
        help: """
            gbdt: leaves per tree (grown best-first), or a comma-separated list (4,6,8) to choose from by held-out \
            log-loss on the inner folds (each candidate costs one more fit per inner fold).
            """)
    var leaves: LeafCounts = LeafCounts(values: [BoostingParameters().maximumLeaves])

    @Option(help: "gbdt: fewest training rows in a leaf.")
    var minLeaf: Int = BoostingParameters().minimumRowsPerLeaf

    @Option(help: "Write the model fitted on all rows to this JSON file.")
    var out: String?

    @Flag(help: "Explain every row with the final model and report the largest |base + contributions - raw score|.")
    var checkAdditivity = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
        case logistic, gbdt
        var kind: ModelKind { self == .logistic ? .logistic : .gbdt }
    }

    /// One leaf count, or the candidates the inner folds choose from.
    struct LeafCounts: ExpressibleByArgument {
        var values: [Int]

        init(values: [Int]) { self.values = values }

        init?(argument: String) {
            let values = argument.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 2 }) else { return nil }
            self.values = values.compactMap { $0 }
        }

        var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }
    }

    enum FinalModelChoice: String, ExpressibleByArgument, CaseIterable {
        case foldAverage = "fold-average"
        case refit
        var finalModel: FinalModel { self == .refit ? .refit : .foldAverage }
    }

    enum CalibrationChoice: String, ExpressibleByArgument, CaseIterable {
        case platt, isotonic, none
        var method: CalibrationMethod { CalibrationMethod(rawValue: rawValue) ?? .platt }
    }

    func validate() throws {
        if csv != nil, label == nil { throw ValidationError("--csv needs --label: the column holding the outcome") }
        if csv == nil, label != nil {
            throw ValidationError("--label goes with --csv; drop it to train from the store")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if csv != nil, purpose != nil {
            throw ValidationError("--purpose goes with training from the store; drop it with --csv")
        }
        guard calibrationFolds >= 2 else { throw ValidationError("--calibration-folds must be at least 2") }
        guard folds == 0 || folds >= 2 else { throw ValidationError("--folds must be 0 or at least 2, not \(folds)") }
        guard trees >= 1, minLeaf >= 1, learningRate > 0 else {
            throw ValidationError("--trees and --min-leaf must be at least 1, --leaves at least 2, --learning-rate > 0")
        }
        if let l2, !(l2 >= 0) { throw ValidationError("--l2 must be zero or more") }
    }

    /// The fit's options; `kind` is what --model says, else `defaultKind`.
    func options(defaultKind: ModelKind = .logistic) -> TrainingOptions {
        TrainingOptions(
            kind: model?.kind ?? defaultKind, l2: l2,
            boosting: BoostingParameters(
                trees: trees, learningRate: learningRate, maximumLeaves: leaves.values[0], minimumRowsPerLeaf: minLeaf),
            leafCandidates: leaves.values.count > 1 ? leaves.values : nil,
            calibration: calibration.method, calibrationFolds: calibrationFolds, finalModel: finalModel?.finalModel,
            seed: seed, threads: threads)
    }

    func run() async throws {
        let output = Output(progress: false)
        guard let csv, let label else {
            try await trainFromStore(output)
            return
        }
        do {
            try train(output, csv: csv, label: label)
        } catch let error as ScoreCommandError {
            output.error(error.description)
            throw ExitStatus.runFailed
        } catch let error as ScoringError {
            output.error("\(csv): error: \(error.description)")
            throw ExitStatus.runFailed
        }
    }

    private func train(_ output: Output, csv: String, label: String) throws {
        let file = try ScoreCSVFile(path: csv)
        let labelIndex = try file.column(label, option: "--label")
        var skipped: Set<Int> = [labelIndex]
        for name in Self.list(exclude) { skipped.insert(try file.column(name, option: "--exclude")) }
        var assignment: [Int]?
        if let foldColumn {
            let index = try file.column(foldColumn, option: "--fold-column")
            skipped.insert(index)
            assignment = try zip(file.records, file.lines).map { record, line throws(ScoreCommandError) in
                guard let fold = Int(record[index].trimmingCharacters(in: .whitespaces)), fold >= 0 else {
                    throw ScoreCommandError(
                        "\(file.path):\(line): error: column '\(foldColumn)' (--fold-column) must hold a fold "
                            + "number 0, 1, 2, … on every row. Fix: fill it in, or drop --fold-column to use --folds.")
                }
                return fold
            }
        }
        let labels = try BinaryLabel.parseColumn(file.records.map { $0[labelIndex] }, column: label)
        let featureColumns = file.header.indices.filter { !skipped.contains($0) }
        let table = ScoreCSVTable.make(
            file, featureColumns: featureColumns, forcedCategorical: Set(Self.list(categorical)))
        let trainer = ModelTrainer(options: options())
        if assignment == nil, folds >= 2 {
            assignment = ValidationSplit.stratifiedFolds(labels: labels, folds: folds, seed: seed)
        }
        var foldReports: [ScoreTrainReport.Fold] = []
        if let assignment {
            for fold in Set(assignment).sorted() {
                let (training, validation) = ValidationSplit.rows(of: assignment, fold: fold)
                let clock = ContinuousClock()
                let start = clock.now
                let cpuStart = Self.processorMilliseconds()
                let fitted = try trainer.train(table, labels: labels, rows: training)
                let cpu = Self.processorMilliseconds() - cpuStart
                let elapsed = start.duration(to: clock.now)
                let probabilities = fitted.probabilities(table, rows: validation)
                foldReports.append(
                    ScoreTrainReport.Fold(
                        fold: fold, trainingRows: training.count, validationRows: validation.count,
                        metrics: BinaryMetrics(probabilities: probabilities, labels: validation.map { labels[$0] }),
                        fitMilliseconds: Double(elapsed.components.seconds) * 1000
                            + Double(elapsed.components.attoseconds) / 1e15,
                        fitCPUMilliseconds: cpu, l2: fitted.training.l2, leaves: fitted.training.leaves))
            }
        }
        let final = try trainer.train(table, labels: labels)
        if let out {
            do {
                try final.encodedJSON().write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ScoreCommandError("\(out): error: cannot write the model (\(error)). Fix: check the directory.")
            }
        }
        var report = ScoreTrainReport(
            file: csv, label: label, model: options().kind, calibration: calibration.method,
            leaves: options().kind == .gbdt ? leaves.values : nil, rows: labels.count,
            positives: labels.filter { $0 }.count, features: table.schema.features.count, folds: foldReports,
            mean: Self.mean(foldReports), modelFile: out, additivity: nil)
        if checkAdditivity { report.additivity = Self.additivity(final, table) }
        switch format {
        case .json: try output.json(report)
        case .text: output.result(Self.text(report, final))
        }
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func mean(_ folds: [ScoreTrainReport.Fold]) -> ScoreTrainReport.Mean? {
        guard !folds.isEmpty else { return nil }
        func average(_ value: (ScoreTrainReport.Fold) -> Double) -> Double {
            folds.map(value).reduce(0, +) / Double(folds.count)
        }
        return ScoreTrainReport.Mean(
            auc: average { $0.metrics.auc }, prAUC: average { $0.metrics.prAUC },
            logLoss: average { $0.metrics.logLoss }, brier: average { $0.metrics.brier },
            ece: average { $0.metrics.ece }, liftAtTopDecile: average { $0.metrics.liftAtTopDecile },
            fitMilliseconds: average { $0.fitMilliseconds }, fitCPUMilliseconds: average { $0.fitCPUMilliseconds })
    }

    /// User plus system time of this process so far.
    static func processorMilliseconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// Explains every row and measures how far base + contributions lands from the raw margin.
    static func additivity(_ model: ScoringModel, _ table: FeatureTable) -> ScoreTrainReport.Additivity {
        let matrix = model.encoder.encode(table)
        var worst = 0.0
        var linearMismatch: Double? = model.parameters.logistic == nil ? nil : 0
        for row in 0..<matrix.rowCount {
            let encoded = Array(matrix.values[(row * matrix.columnCount)..<((row + 1) * matrix.columnCount)])
            let (base, contributions) = model.columnContributions(encoded: encoded)
            worst = max(worst, abs(base + contributions.reduce(0, +) - model.rawMargin(encoded: encoded)))
            if let logistic = model.parameters.logistic, let mismatch = linearMismatch {
                var largest = mismatch
                for (index, column) in model.encoder.columns.enumerated() where column.role == .standardized {
                    let standardized =
                        (table.columns[column.feature][row].number.map {
                            ($0 - column.mean) / column.scale
                        }) ?? 0
                    largest = max(largest, abs(contributions[index] - logistic.coefficients[index] * standardized))
                }
                linearMismatch = largest
            }
        }
        return ScoreTrainReport.Additivity(
            rows: matrix.rowCount, maximumError: worst, maximumLinearMismatch: linearMismatch)
    }

    static func text(_ report: ScoreTrainReport, _ model: ScoringModel) -> String {
        func f(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }
        var lines = [
            "\(report.file): \(report.rows) rows, \(report.positives) won, \(report.features) features; "
                + "model \(report.model.rawValue), calibration \(report.calibration.rawValue)"
        ]
        if !report.folds.isEmpty {
            lines.append("fold  train   test    AUC  PR-AUC  log-loss   Brier   ECE10  lift@10%   fit ms      l2")
            func row(_ name: String, _ m: ScoreTrainReport.Mean, train: String, test: String, l2: String) -> String {
                name.padding(toLength: 4, withPad: " ", startingAt: 0) + " " + train.leftPadded(6) + " "
                    + test.leftPadded(6) + " " + f(m.auc).leftPadded(6) + " " + f(m.prAUC).leftPadded(7) + " "
                    + f(m.logLoss).leftPadded(9) + " " + f(m.brier).leftPadded(7) + " " + f(m.ece).leftPadded(7)
                    + " " + f(m.liftAtTopDecile, 2).leftPadded(9) + " " + f(m.fitMilliseconds, 1).leftPadded(8) + " "
                    + l2.leftPadded(7)
            }
            for fold in report.folds {
                let m = fold.metrics
                lines.append(
                    row(
                        String(fold.fold),
                        ScoreTrainReport.Mean(
                            auc: m.auc, prAUC: m.prAUC, logLoss: m.logLoss, brier: m.brier, ece: m.ece,
                            liftAtTopDecile: m.liftAtTopDecile, fitMilliseconds: fold.fitMilliseconds,
                            fitCPUMilliseconds: fold.fitCPUMilliseconds),
                        train: String(fold.trainingRows), test: String(fold.validationRows), l2: "\(fold.l2)"))
            }
            if let mean = report.mean { lines.append(row("mean", mean, train: "", test: "", l2: "")) }
        }
        let training = model.training
        lines.append(
            "final model: \(training.rowCount) rows, l2 \(training.l2) (\(training.l2Choice)), "
                + (training.leaves.map { "\($0) leaves (\(training.leavesChoice ?? "given")), " } ?? "")
                + (training.calibrationFolds > 0
                    ? "\(report.calibration.rawValue) calibration fitted on \(training.calibrationFolds) inner folds"
                    : "uncalibrated")
                + (training.finalModel == .foldAverage ? ", serving the inner folds' average" : "")
                + (report.modelFile.map { ", written to \($0)" } ?? ""))
        if let additivity = report.additivity {
            var line =
                "additivity: max |base + contributions - raw margin| = "
                + String(format: "%.3g", additivity.maximumError) + " over \(additivity.rows) rows"
            if let mismatch = additivity.maximumLinearMismatch {
                line += "; max |contribution - coefficient x standardized value| = " + String(format: "%.3g", mismatch)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension FeatureValue {
    fileprivate var number: Double? {
        if case .number(let value) = self, value.isFinite { return value }
        return nil
    }
}
