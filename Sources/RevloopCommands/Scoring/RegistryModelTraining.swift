internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// Trains a model of one purpose from the store and saves it to the registry: the purpose's training set
/// (`DealTrainingSet`; `LeadTrainingSet`, censored leads counted and left out), then `RegistryModelFit`
/// (time-ordered validation, the wrong-label check, the final fit and its drift reference).
struct RegistryModelTraining<TrainingSet: LabelledTrainingSet> {
    var options: TrainingOptions
    var windowDays: Int64 = 365
    /// The validation share, by time.
    var validationFraction = 0.2

    struct Outcome {
        var model: StoredModel
        var validation: BinaryMetrics
        var training: TrainingSet
        /// Set when the scores track meetings booked much better than closed revenue.
        var labelWarning: String?
    }

    func run(
        store: any SnapshotStore & ModelRegistry, connectors: [ConnectorConfig], now: Timestamp
    ) async throws -> Outcome {
        let windowStart = now.adding(days: -windowDays)
        let set = try await TrainingSet.load(
            store: store, connectors: connectors, windowStart: windowStart, windowEnd: now)
        let fit = try await RegistryModelFit(options: options, validationFraction: validationFraction).run(
            set, purpose: TrainingSet.purpose, registry: store, windowStart: windowStart, now: now)
        return Outcome(model: fit.model, validation: fit.validation, training: set, labelWarning: fit.labelWarning)
    }
}

/// The deal win-probability model's training (purpose `deal_win`).
typealias DealModelTraining = RegistryModelTraining<DealTrainingSet>
/// The lead model's training (purpose `lead_win`).
typealias LeadModelTraining = RegistryModelTraining<LeadTrainingSet>
