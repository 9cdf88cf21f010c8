/// The model's snapshot format: the posterior per block id, and what it was trained on (the context
/// vocabulary and the prior), so a snapshot from another vocabulary or prior is not reused.
struct PersistedModel: Codable {
    var vocabularyKey: String
    var blockIDs: [String]
    var dimension: Int
    var priorPrecision: Double
    var inverses: [Double]
    var targets: [Double]
    var means: [Double]
    var exposures: [Int]
    var rewardSums: [Double]

    init(model: LinearThompsonModel, blockIDs: [String], vocabularyKey: String) {
        self.vocabularyKey = vocabularyKey
        self.blockIDs = blockIDs
        dimension = model.dimension
        priorPrecision = model.priorPrecision
        inverses = model.inverses
        targets = model.targets
        means = model.means
        exposures = model.exposures
        rewardSums = model.rewardSums
    }

    /// The model for `blockIDs` (in that order, new blocks from the prior); `nil` when it does not fit.
    func model(for blockIDs: [String], vocabularyKey: String, settings: PersonalizationSettings)
        -> LinearThompsonModel?
    {
        guard vocabularyKey == self.vocabularyKey, priorPrecision == settings.priorPrecision,
            let stored = LinearThompsonModel(
                dimension: dimension, priorPrecision: priorPrecision, explorationScale: settings.explorationScale,
                inverses: inverses, targets: targets, means: means, exposures: exposures, rewardSums: rewardSums)
        else { return nil }
        let positions = Dictionary(self.blockIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return stored.remapped(to: blockIDs.map { positions[$0] })
    }
}
