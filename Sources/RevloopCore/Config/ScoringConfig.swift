/// `scoring` in revloop.yaml: how the deal win-probability model behind `predicted` goals (and, with a
/// `lead` block, the lead model) is kept fresh and watched. Every key has a default, so the section is
/// optional.
///
/// ```yaml
/// scoring:
///   model: logistic        # or gbdt
///   window_days: 365       # deals closed in the last year train it
///   retrain_every: 30d     # `revloop schedule` retrains when the active model is older ("never" to stop)
///   auto_activate: true    # a retrained model becomes active when it validates no worse than the active one
///   monitor_every: 1d      # `revloop schedule` checks drift on the deals closed since training
///   shutdown_ece: 0.05     # calibration error past which the model stops feeding values
///   lead:                  # optional: schedule the lead model too (see LeadScoringConfig)
///     window_days: 730
/// ```
public struct ScoringConfig: Hashable, Sendable {
    /// The model family trained: `logistic` or `gbdt`.
    public enum ModelFamily: String, Hashable, Sendable, CaseIterable {
        case logistic, gbdt
    }

    public var model = ModelFamily.logistic
    public var windowDays = 365
    /// Seconds between retrainings; `nil` never retrains on schedule.
    public var retrainEverySeconds: Int? = 30 * 86_400
    public var autoActivate = true
    /// Seconds between drift checks; `nil` never checks on schedule.
    public var monitorEverySeconds: Int? = 86_400
    /// Expected calibration error past which the active model is stopped (and goals use stage probability).
    public var shutdownECE = 0.05
    /// The lead model's settings; `nil`: `revloop schedule` keeps the deal model only.
    public var lead: LeadScoringConfig?
    /// An automatic activation needs the new model's validation AUC within this of the active one's.
    public static let activationAUCTolerance = 0.02

    public init() {}

    static let keys = [
        "model", "window_days", "retrain_every", "auto_activate", "monitor_every", "shutdown_ece", "lead",
    ]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> ScoringConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = ScoringConfig()
        if let family = fields["model"]?.choice(ModelFamily.self, diagnostics: &diagnostics) { config.model = family }
        if let days = fields["window_days"]?.integer(in: 30...3_650, diagnostics: &diagnostics) {
            config.windowDays = days
        }
        func every(_ key: String) -> Int?? {
            guard let node = fields[key], let text = node.string(diagnostics: &diagnostics) else { return nil }
            if text == "never" { return .some(nil) }
            guard let seconds = DurationText.seconds(text), seconds > 0 else {
                diagnostics.append(node.error("'scoring.\(key)' must be a duration such as 1d or 30d, or never"))
                return nil
            }
            return .some(seconds)
        }
        if let retrain = every("retrain_every") { config.retrainEverySeconds = retrain }
        if let monitor = every("monitor_every") { config.monitorEverySeconds = monitor }
        if let auto = fields["auto_activate"]?.boolean(diagnostics: &diagnostics) { config.autoActivate = auto }
        if let ece = fields["shutdown_ece"]?.number(in: 0.001...0.5, diagnostics: &diagnostics) {
            config.shutdownECE = ece
        }
        if let lead = fields["lead"] { config.lead = LeadScoringConfig.read(lead, diagnostics: &diagnostics) }
        return config
    }

    /// The lead model's family (its own, else `model`).
    public var leadModel: ModelFamily { lead?.model ?? model }
    /// The lead model's training window in days (its own, else `window_days`).
    public var leadWindowDays: Int { lead?.windowDays ?? windowDays }
}
