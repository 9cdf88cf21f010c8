/// Fits a calibrated `ScoringModel` from rows and closed outcomes (true = won).
///
/// Steps, all on the rows given (the caller's training rows; validation rows never enter):
/// 1. learn the encoding (means, scales, categories, missing indicators);
/// 2. when calibrating, or choosing the logistic L2: split the rows into stratified inner folds, fit on each
///    fold's complement and predict the fold, so every row gets a prediction from a model that never saw it;
/// 3. choose the L2 with the best held-out log-loss (when not given) and fit the calibrator to those held-out
///    predictions;
/// 4. fit the final model on all the rows.
public struct ModelTrainer: Sendable {
    public var options: TrainingOptions

    public init(options: TrainingOptions = TrainingOptions()) {
        self.options = options
    }

    /// Trains on rows keyed by feature name; the schema is inferred unless given.
    public func train(
        rows: [[String: FeatureValue]], labels: [Bool], schema: FeatureSchema? = nil
    ) throws(ScoringError) -> ScoringModel {
        let table = FeatureTable(schema: schema ?? FeatureSchema.inferred(from: rows), rows: rows)
        return try train(table, labels: labels)
    }

    /// Trains on the rows `rows` of `table` (all when `nil`); `labels` has one outcome per table row.
    public func train(_ table: FeatureTable, labels: [Bool], rows: [Int]? = nil) throws(ScoringError) -> ScoringModel {
        guard labels.count == table.rowCount else {
            throw ScoringError(
                .invalidInput, "\(labels.count) labels for \(table.rowCount) rows: give one outcome per row")
        }
        let indices = rows ?? Array(0..<table.rowCount)
        let y = indices.map { labels[$0] }
        let positives = y.filter { $0 }.count
        let folds = options.calibrationFolds
        let needsInnerFolds = options.calibration != .none || (options.kind == .logistic && options.l2 == nil)
        let smallestClass = min(positives, y.count - positives)
        guard smallestClass >= (needsInnerFolds ? max(folds, 2) : 1) else {
            throw ScoringError(
                .insufficientData,
                "\(y.count) rows with \(positives) won and \(y.count - positives) lost: training needs at least "
                    + "\(needsInnerFolds ? max(folds, 2) : 1) of each outcome. Fix: widen the training window, "
                    + "or train with calibration none and a fixed L2.")
        }
        let style: EncodingStyle = options.kind == .logistic ? .linear : .tree
        let encoder = FeatureEncoder.fit(table, rows: indices, style: style)
        let matrix = encoder.encode(table, rows: indices)

        var l2 = options.l2 ?? (options.kind == .logistic ? 10 : options.boosting.leafL2)
        var l2Choice = "given"
        var calibrator = ProbabilityCalibrator.identity
        var heldOut: BinaryMetrics?
        let options = self.options
        let foldCount = max(folds, 2)
        let candidates = options.kind == .logistic && options.l2 == nil ? options.l2Candidates : [l2]
        let choosesL2 = candidates.count > 1
        let assignment =
            needsInnerFolds ? ValidationSplit.stratifiedFolds(labels: y, folds: foldCount, seed: options.seed) : []
        // Jobs 0..<foldCount are the inner folds; the last job is the final fit, run alongside them unless it
        // needs the L2 they choose.
        let innerJobs = needsInnerFolds ? foldCount : 0
        let finalRunsAlongside = !choosesL2
        let fixedL2 = l2
        let results = ParallelJobs.map(count: innerJobs + (finalRunsAlongside ? 1 : 0), threads: options.threads) {
            job -> FitResult in
            if job == innerJobs { return .final(Self.fit(options, matrix, y, l2: fixedL2)) }
            let (inner, held) = ValidationSplit.rows(of: assignment, fold: job)
            let innerMatrix = matrix.rows(inner)
            let heldMatrix = matrix.rows(held)
            let innerLabels = inner.map { y[$0] }
            var margins: [[Double]] = []
            switch options.kind {
            case .logistic:
                // Strongest penalty first: each fit warm-starts the next, weaker one.
                var previous: LogisticRegression?
                var byCandidate = [[Double]](repeating: [], count: candidates.count)
                for (index, candidate) in candidates.enumerated().sorted(by: { $0.element > $1.element }) {
                    let model = LogisticRegression.fit(innerMatrix, labels: innerLabels, l2: candidate, start: previous)
                    previous = model
                    byCandidate[index] = model.margins(heldMatrix)
                }
                margins = byCandidate
            case .gbdt:
                var parameters = options.boosting
                parameters.leafL2 = fixedL2
                margins = [
                    HistogramBooster.fit(innerMatrix, labels: innerLabels, parameters: parameters).margins(heldMatrix)
                ]
            }
            return .heldOut(rows: held, margins: margins)
        }
        var parameters: ModelParameters?
        if needsInnerFolds {
            // Held-out margins per candidate, each row predicted by the fold model that did not see it.
            var margins = [[Double]](repeating: [Double](repeating: 0, count: y.count), count: candidates.count)
            for result in results {
                guard case .heldOut(let held, let byCandidate) = result else { continue }
                for (candidate, values) in byCandidate.enumerated() {
                    for (row, margin) in zip(held, values) { margins[candidate][row] = margin }
                }
            }
            var best = 0
            if choosesL2 {
                let losses = margins.map {
                    BinaryMetrics(probabilities: $0.map(ProbabilityCalibrator.sigmoid), labels: y).logLoss
                }
                for index in losses.indices where losses[index] < losses[best] { best = index }
                l2 = candidates[best]
                l2Choice = "inner-cv"
            }
            calibrator = ProbabilityCalibrator.fit(method: options.calibration, margins: margins[best], labels: y)
            heldOut = BinaryMetrics(probabilities: margins[best].map(calibrator.probability(margin:)), labels: y)
        }
        for result in results { if case .final(let fitted) = result { parameters = fitted } }
        let fitted = parameters ?? Self.fit(options, matrix, y, l2: l2)
        let summary = TrainingSummary(
            rowCount: y.count, positives: positives, l2: l2, l2Choice: l2Choice,
            calibrationFolds: options.calibration == .none ? 0 : max(folds, 2), heldOutMetrics: heldOut)
        return ScoringModel(
            kind: options.kind, encoder: encoder, parameters: fitted, calibrator: calibrator, training: summary)
    }

    /// What one parallel job returns.
    private enum FitResult: Sendable {
        case heldOut(rows: [Int], margins: [[Double]])
        case final(ModelParameters)
    }

    private static func fit(_ options: TrainingOptions, _ matrix: DesignMatrix, _ y: [Bool], l2: Double)
        -> ModelParameters
    {
        switch options.kind {
        case .logistic:
            return ModelParameters(logistic: LogisticRegression.fit(matrix, labels: y, l2: l2), trees: nil)
        case .gbdt:
            var boosting = options.boosting
            boosting.leafL2 = l2
            return ModelParameters(logistic: nil, trees: HistogramBooster.fit(matrix, labels: y, parameters: boosting))
        }
    }
}
