/// `scoring.lead` in revloop.yaml: the lead model (purpose `lead_win`, one row per person, labelled by the
/// closed revenue outcome they went on to). Present, it is retrained and checked by `revloop schedule` on
/// the `scoring` cadence (`retrain_every`, `monitor_every`, `auto_activate`, `shutdown_ece` apply to it too);
/// absent, only `revloop score train --purpose lead` trains one. `lead: {}` takes every default.
///
/// ```yaml
/// scoring:
///   lead:
///     model: logistic      # default: scoring.model
///     window_days: 730     # default: scoring.window_days; leads whose outcome was decided in the window train it
/// ```
public struct LeadScoringConfig: Hashable, Sendable {
    /// The model family; `nil` takes `scoring.model`.
    public var model: ScoringConfig.ModelFamily?
    /// The training window; `nil` takes `scoring.window_days`.
    public var windowDays: Int?

    public init(model: ScoringConfig.ModelFamily? = nil, windowDays: Int? = nil) {
        self.model = model
        self.windowDays = windowDays
    }

    static let keys = ["model", "window_days"]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> LeadScoringConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = LeadScoringConfig()
        config.model = fields["model"]?.choice(ScoringConfig.ModelFamily.self, diagnostics: &diagnostics)
        config.windowDays = fields["window_days"]?.integer(in: 30...3_650, diagnostics: &diagnostics)
        return config
    }
}
