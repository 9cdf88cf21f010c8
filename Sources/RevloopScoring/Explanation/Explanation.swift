/// Why one row scored what it did.
///
/// The raw prediction is `baseValue + Σ contributions[i].logOdds` (log-odds, before calibration), exactly
/// for the linear model (where `baseValue` is the intercept) and to floating-point rounding for trees (where
/// it is the cover-weighted mean margin, TreeSHAP's expected value).
///
/// Points: the score moves from `baselineScore` (100 × the calibrated probability of the base value) to the
/// row's unrounded score, 100 × p. That move is shared among the features in proportion to their log-odds
/// contributions, so the points of all features add up to it, a feature's points carry the sign of its
/// log-odds, and `industry = SaaS: +12` reads "being SaaS adds about 12 points to this deal's 0–100 score".
public struct Explanation: Codable, Hashable, Sendable {
    public var baseValue: Double
    public var rawMargin: Double
    public var probability: Double
    public var score: Int
    public var baselineScore: Double
    /// Every feature, largest |logOdds| first (ties by name).
    public var contributions: [FeatureContribution]
    /// The first `top` contributions' sentences.
    public var lines: [String]

    public init(
        baseValue: Double, rawMargin: Double, probability: Double, score: Int, baselineScore: Double,
        contributions: [FeatureContribution], lines: [String]
    ) {
        self.baseValue = baseValue
        self.rawMargin = rawMargin
        self.probability = probability
        self.score = score
        self.baselineScore = baselineScore
        self.contributions = contributions
        self.lines = lines
    }
}
