/// `personalization` in revloop.yaml: the decision engine's holdout and learning settings. Every key has a
/// default, so the section is optional.
///
/// ```yaml
/// personalization:
///   holdout: {share: 0.10, salt: revloop-holdout-1}   # uniform random for this share of visitors
///   exploration: 0.1                                   # Thompson sampling's posterior scale
///   rewards: {engagement: 1, downstream: 1}            # a deal stage reached may count for more than a click
/// ```
public struct PersonalizationConfig: Hashable, Sendable {
    public var holdoutShare = 0.10
    /// Changing it reshuffles who is held out, so lift before and after cannot be compared.
    public var holdoutSalt = "revloop-holdout-1"
    public var exploration = 0.1
    public var engagementWeight = 1.0
    public var downstreamWeight = 1.0

    public init() {}

    static let keys = ["holdout", "exploration", "rewards"]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> PersonalizationConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = PersonalizationConfig()
        if let holdoutNode = fields["holdout"] {
            let holdout = holdoutNode.mapping(allowed: ["share", "salt"], diagnostics: &diagnostics)
            if let share = holdout["share"]?.number(in: 0...0.5, diagnostics: &diagnostics) {
                config.holdoutShare = share
            }
            if let salt = holdout["salt"]?.requiredString("any text", diagnostics: &diagnostics) {
                config.holdoutSalt = salt
            }
        }
        if let exploration = fields["exploration"]?.number(in: 0.001...10, diagnostics: &diagnostics) {
            config.exploration = exploration
        }
        if let rewardsNode = fields["rewards"] {
            let rewards = rewardsNode.mapping(allowed: ["engagement", "downstream"], diagnostics: &diagnostics)
            if let weight = rewards["engagement"]?.number(in: 0...100, diagnostics: &diagnostics) {
                config.engagementWeight = weight
            }
            if let weight = rewards["downstream"]?.number(in: 0...100, diagnostics: &diagnostics) {
                config.downstreamWeight = weight
            }
        }
        return config
    }
}
