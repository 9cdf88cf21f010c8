/// How far one input feature moved: PSI for every feature, KS for numeric ones.
public struct FeatureDrift: Sendable, Hashable, Codable {
    public let name: String
    public let isCategorical: Bool
    public let psi: PopulationStabilityIndex
    /// The PSI alarm threshold after the family's correction; `nil` with a single bin (constant feature).
    public let psiThreshold: Double?
    /// `nil` for categorical features and for a numeric feature with no values on one side.
    public let ks: KolmogorovSmirnovTest?
    /// Whether this feature raised a PSI or KS alarm.
    public let isDrifted: Bool
}
