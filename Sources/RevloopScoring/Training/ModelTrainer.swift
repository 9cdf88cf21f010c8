/// Fits a calibrated `ScoringModel` from rows and closed outcomes (true = won).
///
/// Steps, all on the rows given (the caller's training rows; validation rows never enter):
/// 1. learn the encoding (means, scales, categories, missing indicators);
/// 2. when calibrating, or choosing the logistic L2: split the rows into stratified inner folds, fit on each
///    fold's complement and predict the fold, so every row gets a prediction from a model that never saw it;
/// 3. choose the logistic L2, or the trees' leaf count, with the best held-out log-loss (when candidates are
///    given) and fit the calibrator to that candidate's held-out predictions;
/// 4. serve the final model: for trees, by default the mean of the inner folds' ensembles (no further fit);
///    otherwise one more fit on all the rows (`TrainingOptions.finalModel`).
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
        let leafCandidates = options.kind == .gbdt ? options.leafCandidates ?? [] : []
        let choosesLeaves = leafCandidates.count > 1
        let choosesL2 = options.kind == .logistic && options.l2 == nil && options.l2Candidates.count > 1
        let needsInnerFolds =
            options.calibration != .none || (options.kind == .logistic && options.l2 == nil) || choosesLeaves
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

        let options = self.options
        var l2 = options.l2 ?? (options.kind == .logistic ? 10 : options.boosting.leafL2)
        var l2Choice = "given"
        var leaves = options.boosting.maximumLeaves
        var leavesChoice = "given"
        var calibrator = ProbabilityCalibrator.identity
        var heldOut: BinaryMetrics?
        let foldCount = max(folds, 2)
        // What the inner folds choose between: L2 strengths (logistic) or leaf counts (trees); one candidate
        // when nothing is chosen.
        let l2Candidates = choosesL2 ? options.l2Candidates : [l2]
        let leafChoices = choosesLeaves ? leafCandidates : [leaves]
        let candidateCount = options.kind == .logistic ? l2Candidates.count : leafChoices.count
        let assignment =
            needsInnerFolds ? ValidationSplit.stratifiedFolds(labels: y, folds: foldCount, seed: options.seed) : []
        // Jobs 0..<foldCount are the inner folds; the last job is the final fit, run alongside them unless it
        // needs what they choose, or the folds' own models are served.
        let innerJobs = needsInnerFolds ? foldCount : 0
        let averagesFolds = needsInnerFolds && options.kind == .gbdt && options.resolvedFinalModel == .foldAverage
        let finalRunsAlongside = !choosesL2 && !choosesLeaves && !averagesFolds
        let fixedL2 = l2
        // Binning is unsupervised: done once on all the rows, every fit takes its rows' codes from it.
        let bins = options.kind == .gbdt ? FeatureBins(matrix, maximumBins: options.boosting.maximumBins) : nil
        let jobCount = innerJobs + (finalRunsAlongside ? 1 : 0)
        let results = ParallelJobs.map(count: jobCount, threads: options.threads ?? jobCount) {
            job -> FitResult in
            if job == innerJobs {
                return .final(Self.fit(options, matrix, y, l2: fixedL2, leaves: leafChoices[0], bins: bins))
            }
            let (inner, held) = ValidationSplit.rows(of: assignment, fold: job)
            let heldMatrix = matrix.rows(held)
            let innerLabels = inner.map { y[$0] }
            var margins = [[Double]](repeating: [], count: candidateCount)
            var foldModels: [TreeEnsemble] = []
            switch options.kind {
            case .logistic:
                let innerMatrix = matrix.rows(inner)
                // Strongest penalty first: each fit warm-starts the next, weaker one.
                var previous: LogisticRegression?
                for (index, candidate) in l2Candidates.enumerated().sorted(by: { $0.element > $1.element }) {
                    let model = LogisticRegression.fit(innerMatrix, labels: innerLabels, l2: candidate, start: previous)
                    previous = model
                    margins[index] = model.margins(heldMatrix)
                }
            case .gbdt:
                let foldBins =
                    bins?.rows(inner) ?? FeatureBins(matrix.rows(inner), maximumBins: options.boosting.maximumBins)
                for (index, candidate) in leafChoices.enumerated() {
                    var parameters = options.boosting
                    parameters.leafL2 = fixedL2
                    parameters.maximumLeaves = candidate
                    let ensemble = HistogramBooster.fit(foldBins, labels: innerLabels, parameters: parameters)
                    margins[index] = ensemble.margins(heldMatrix)
                    foldModels.append(ensemble)
                }
            }
            return .heldOut(fold: job, rows: held, margins: margins, models: foldModels)
        }
        var parameters: ModelParameters?
        var best = 0
        if needsInnerFolds {
            // Held-out margins per candidate, each row predicted by the fold model that did not see it.
            var margins = [[Double]](repeating: [Double](repeating: 0, count: y.count), count: candidateCount)
            for result in results {
                guard case .heldOut(_, let held, let byCandidate, _) = result else { continue }
                for (candidate, values) in byCandidate.enumerated() {
                    for (row, margin) in zip(held, values) { margins[candidate][row] = margin }
                }
            }
            if candidateCount > 1 {
                let losses = margins.map {
                    BinaryMetrics(probabilities: $0.map(ProbabilityCalibrator.sigmoid), labels: y).logLoss
                }
                for index in losses.indices where losses[index] < losses[best] { best = index }
                if choosesL2 {
                    l2 = l2Candidates[best]
                    l2Choice = "inner-cv"
                } else {
                    leaves = leafChoices[best]
                    leavesChoice = "inner-cv"
                }
            }
            calibrator = ProbabilityCalibrator.fit(method: options.calibration, margins: margins[best], labels: y)
            heldOut = BinaryMetrics(probabilities: margins[best].map(calibrator.probability(margin:)), labels: y)
        }
        for result in results { if case .final(let fitted) = result { parameters = fitted } }
        if averagesFolds {
            // In fold order, so the served model does not depend on which thread finished first.
            var byFold: [(Int, TreeEnsemble)] = []
            for result in results {
                if case .heldOut(let fold, _, _, let models) = result { byFold.append((fold, models[best])) }
            }
            let ensembles = byFold.sorted { $0.0 < $1.0 }.map(\.1)
            parameters = ModelParameters(logistic: nil, trees: TreeEnsemble.averaging(ensembles))
        }
        let fitted = parameters ?? Self.fit(options, matrix, y, l2: l2, leaves: leaves, bins: bins)
        let summary = TrainingSummary(
            rowCount: y.count, positives: positives, l2: l2, l2Choice: l2Choice,
            calibrationFolds: options.calibration == .none ? 0 : max(folds, 2), heldOutMetrics: heldOut,
            finalModel: averagesFolds ? .foldAverage : .refit,
            leaves: options.kind == .gbdt ? leaves : nil,
            leavesChoice: options.kind == .gbdt ? leavesChoice : nil)
        return ScoringModel(
            kind: options.kind, encoder: encoder, parameters: fitted, calibrator: calibrator, training: summary)
    }

    /// What one parallel job returns.
    private enum FitResult: Sendable {
        /// An inner fold's held-out rows, their margins per candidate, and the fold's trees per candidate
        /// (served averaged when `FinalModel.foldAverage`).
        case heldOut(fold: Int, rows: [Int], margins: [[Double]], models: [TreeEnsemble])
        case final(ModelParameters)
    }

    private static func fit(
        _ options: TrainingOptions, _ matrix: DesignMatrix, _ y: [Bool], l2: Double, leaves: Int, bins: FeatureBins?
    ) -> ModelParameters {
        switch options.kind {
        case .logistic:
            return ModelParameters(logistic: LogisticRegression.fit(matrix, labels: y, l2: l2), trees: nil)
        case .gbdt:
            var boosting = options.boosting
            boosting.leafL2 = l2
            boosting.maximumLeaves = leaves
            return ModelParameters(
                logistic: nil,
                trees: HistogramBooster.fit(
                    bins ?? FeatureBins(matrix, maximumBins: boosting.maximumBins), labels: y, parameters: boosting))
        }
    }
}
