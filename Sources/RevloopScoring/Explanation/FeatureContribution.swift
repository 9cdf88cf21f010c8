/// How much one input feature moved one prediction.
public struct FeatureContribution: Codable, Hashable, Sendable {
    public var feature: String
    /// The row's value as shown to a person ("SaaS", "120", "(missing)").
    public var value: String
    /// Contribution to the raw log-odds: exact for the linear model (Σ coefficient × encoded value over the
    /// feature's columns), TreeSHAP for trees.
    public var logOdds: Double
    /// Contribution in score points (see `Explanation`); the points of all features add up to
    /// score − baseline score.
    public var points: Double
    /// The sentence a sales rep reads: `industry = SaaS: +12`.
    public var line: String

    public init(feature: String, value: String, logOdds: Double, points: Double, line: String) {
        self.feature = feature
        self.value = value
        self.logOdds = logOdds
        self.points = points
        self.line = line
    }
}
