/// The population a model was trained or validated on, as drift is measured against it: each input
/// feature's distribution and the distribution of the model's calibrated probabilities.
///
/// Build it once when the model is trained (`DriftReference(features:probabilities:)` on the scored
/// validation set) and store it with the model: it is `Codable`, and `JSONEncoder` gives a document a
/// registry can keep next to the model's coefficients.
public struct DriftReference: Sendable, Hashable, Codable {
    public let features: [FeatureReference]
    /// The model's calibrated probabilities on the reference population.
    public let score: ContinuousReference
    /// Quantile bins per numeric feature and for the score (10: deciles).
    public let binCount: Int

    public init(features: [FeatureColumn], probabilities: [Double], binCount: Int = 10) {
        precondition(binCount >= 2, "PSI needs at least two bins")
        self.features = features.map { FeatureReference(column: $0, binCount: binCount) }
        score = ContinuousReference(values: probabilities, binCount: binCount)
        self.binCount = binCount
    }

    public init(features: [FeatureReference], score: ContinuousReference, binCount: Int) {
        self.features = features
        self.score = score
        self.binCount = binCount
    }

    /// The same reference keeping at most `maximumSampleSize` values per numeric feature and for the score
    /// (see `ContinuousReference.sampled`); categorical counts are kept whole. Tests against it use the
    /// smaller size, so they are honest about what was kept.
    public func sampled(atMost maximumSampleSize: Int, random: inout some RandomNumberGenerator) -> DriftReference {
        let features = features.map { feature -> FeatureReference in
            switch feature.distribution {
            case .continuous(let continuous):
                FeatureReference(
                    name: feature.name,
                    distribution: .continuous(continuous.sampled(atMost: maximumSampleSize, random: &random)))
            case .categorical: feature
            }
        }
        return DriftReference(
            features: features, score: score.sampled(atMost: maximumSampleSize, random: &random), binCount: binCount)
    }
}
