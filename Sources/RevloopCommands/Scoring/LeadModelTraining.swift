internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// Trains a lead model (purpose `lead_win`) from the store and saves it to the registry: the training set
/// (`LeadTrainingSet`, censored leads counted and left out), then `RegistryModelFit`.
struct LeadModelTraining {
    var options: TrainingOptions
    var windowDays: Int64 = 365
    /// The validation share, by time.
    var validationFraction = 0.2

    struct Outcome {
        var model: StoredModel
        var validation: BinaryMetrics
        var training: LeadTrainingSet
        /// Set when the scores track meetings booked much better than closed revenue.
        var labelWarning: String?
    }

    func run(
        store: any SnapshotStore & ModelRegistry, connectors: [ConnectorConfig], now: Timestamp
    ) async throws -> Outcome {
        let windowStart = now.adding(days: -windowDays)
        let set = try await LeadTrainingSet.load(
            store: store, connectors: connectors, windowStart: windowStart, windowEnd: now)
        let fit = try await RegistryModelFit(options: options, validationFraction: validationFraction).run(
            set, purpose: .lead, registry: store, windowStart: windowStart, now: now)
        return Outcome(model: fit.model, validation: fit.validation, training: set, labelWarning: fit.labelWarning)
    }
}
