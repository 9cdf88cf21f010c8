internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// Fits a registry model of any purpose on its training set and saves it: a time-ordered validation (train
/// on the earlier 80% of cuts, measure on the later 20%), the wrong-label check, then the final fit on every
/// row, its drift reference, and a new version (`<purpose>-<day>-<n>`) in the registry, inactive.
struct RegistryModelFit {
    var options: TrainingOptions
    /// The validation share, by time.
    var validationFraction = 0.2

    /// Sorted keys: the stored reference is the same bytes for the same data.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    struct Result {
        var model: StoredModel
        var validation: BinaryMetrics
        /// Set when the scores track meetings booked much better than closed revenue.
        var labelWarning: String?
    }

    func run(
        _ set: some LabelledTrainingSet, purpose: ScoringPurpose, registry: any ModelRegistry,
        windowStart: Timestamp, now: Timestamp
    ) async throws -> Result {
        let schema = FeatureSchema(
            features: purpose.featureNames.map {
                FeatureSpec(name: $0, kind: purpose.categoricalFeatures.contains($0) ? .categorical : .numeric)
            })
        let table = FeatureTable(schema: schema, rows: set.rows)
        let trainer = ModelTrainer(options: options)
        let split = ValidationSplit.timeOrdered(
            times: set.cuts.map { Double($0.millisecondsSinceEpoch) }, validationFraction: validationFraction)
        let early = try trainer.train(table, labels: set.labels, rows: split.training)
        let validationRows = FeatureTable(schema: schema, rows: split.validation.map { set.rows[$0] })
        let validationProbabilities = early.probabilities(validationRows)
        let validationLabels = split.validation.map { set.labels[$0] }
        let validation = BinaryMetrics(probabilities: validationProbabilities, labels: validationLabels)
        let labelWarning = LabelCheck.warning(
            probabilities: validationProbabilities, labels: validationLabels,
            meetings: split.validation.map { set.hadMeeting[$0] })

        let model = try trainer.train(table, labels: set.labels)
        let probabilities = model.probabilities(table)
        // At most 5,000 rows of the population are kept (KS needs a sample), with the full data's cut points.
        var random = SeededRandomNumberGenerator(seed: options.seed)
        let reference = DriftReference(
            features: purpose.columns(of: set.rows),
            probabilities: probabilities
        ).sampled(atMost: 5_000, random: &random)
        let existing = try await registry.models(purpose: purpose.registryName)
        let day = now.utcDay.description.replacingOccurrences(of: "-", with: "")
        var counter = 1
        while existing.contains(where: { $0.version == "\(purpose.versionPrefix)-\(day)-\(counter)" }) { counter += 1 }
        let stored = StoredModel(
            version: "\(purpose.versionPrefix)-\(day)-\(counter)", purpose: purpose.registryName,
            kind: options.kind.rawValue, trainedAt: now, windowStart: windowStart, windowEnd: now,
            fingerprint: set.fingerprint, rows: set.rows.count,
            metrics: [
                "auc": validation.auc, "pr_auc": validation.prAUC, "log_loss": validation.logLoss,
                "brier": validation.brier, "ece": validation.ece, "lift_top_decile": validation.liftAtTopDecile,
                "validation_rows": Double(validation.rowCount), "positives": Double(set.positives),
            ],
            document: String(decoding: try model.encodedJSON(), as: UTF8.self),
            driftReference: String(decoding: try Self.encoder.encode(reference), as: UTF8.self))
        try await registry.saveModel(stored)
        return Result(model: stored, validation: validation, labelWarning: labelWarning)
    }
}
