/// How far the distribution of the model's scores moved.
public struct OutputDrift: Sendable, Hashable, Codable {
    /// PSI over the reference score deciles.
    public let psi: PopulationStabilityIndex
    public let psiThreshold: Double?
    public let ks: KolmogorovSmirnovTest?
    /// The critical KS D at the corrected level.
    public let ksThreshold: Double?
    /// Share of leads per A / B / C band.
    public let bands: [BandShare]
    public let referenceMeanProbability: Double
    public let currentMeanProbability: Double
}
