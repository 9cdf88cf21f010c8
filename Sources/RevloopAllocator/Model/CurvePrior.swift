/// The weak prior of a channel's response curve `log revenue = a + b log spend + noise`.
///
/// Defaults: `a` almost free (precision 1e-4), the elasticity `b` centred on 0.6 with precision 2 (its
/// standard deviation 0.71 times the noise's, as the conjugate prior scales it: diminishing returns expected, not assumed; precision 1
/// let too few periods after a regime change swing the split from bound to bound), noise variance around
/// 0.1 (InvGamma(2, 0.1)). Overridable.
public struct CurvePrior: Hashable, Sendable {
    public var interceptMean: Double
    public var interceptPrecision: Double
    public var elasticityMean: Double
    public var elasticityPrecision: Double
    public var noiseShape: Double
    public var noiseScale: Double

    public init(
        interceptMean: Double = 0, interceptPrecision: Double = 1e-4, elasticityMean: Double = 0.6,
        elasticityPrecision: Double = 2, noiseShape: Double = 2, noiseScale: Double = 0.1
    ) {
        self.interceptMean = interceptMean
        self.interceptPrecision = interceptPrecision
        self.elasticityMean = elasticityMean
        self.elasticityPrecision = elasticityPrecision
        self.noiseShape = noiseShape
        self.noiseScale = noiseScale
    }
}
