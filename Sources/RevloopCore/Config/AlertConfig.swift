/// `alerts` in revloop.yaml: when a delivery run should raise an alert, where alerts are posted, and the
/// automatic shutdowns that pause a destination or a goal instead of letting it keep sending.
public struct AlertConfig: Hashable, Sendable {
    /// A Slack-compatible incoming webhook (`{"text": ...}`); alerts go to stderr either way.
    public var webhook: SecretReference?
    /// Alert when a destination's rejected share of what it sent in one run is above this.
    public var rejectedShare: Double?
    /// Alert when the ledger holds at least this many dead letters.
    public var deadLetters: Int?
    /// Alert when no delivery run has succeeded cleanly for this many hours.
    public var noSuccessHours: Int?
    /// Pause a destination (and alert) when its rejected share in one run is above this.
    public var pauseAboveRejectedShare: Double?
    /// Alert when a destination's match-key rate in a run falls more than this fraction below the
    /// median of its recent runs (0.2: a rate of 0.64 against a median of 0.8 alerts).
    public var matchRateDrop: Double?
    /// Alert when a destination's credential expires within this many days.
    public var tokenExpiryDays: Int?
    /// Pause a goal (and alert) instead of sending when one of its values is more than this many times the
    /// median of the values it sent before.
    public var pauseAboveMedianValue: Double?
    /// The same alert (kind and target) is posted again only after this many hours (default 24).
    public var repeatHours: Int = 24

    public init() {}

    static let keys = [
        "webhook", "rejected_share", "dead_letters", "no_success_hours", "pause_above_rejected_share",
        "match_rate_drop", "token_expiry_days", "pause_above_median_value", "repeat_hours",
    ]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> AlertConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = AlertConfig()
        config.webhook = fields["webhook"]?.secretReference(diagnostics: &diagnostics)
        config.rejectedShare = fields["rejected_share"]?.number(in: 0...1, diagnostics: &diagnostics)
        config.deadLetters = fields["dead_letters"]?.integer(in: 1...100_000_000, diagnostics: &diagnostics)
        config.noSuccessHours = fields["no_success_hours"]?.integer(in: 1...8_760, diagnostics: &diagnostics)
        config.pauseAboveRejectedShare = fields["pause_above_rejected_share"]?.number(
            in: 0...1, diagnostics: &diagnostics)
        config.matchRateDrop = fields["match_rate_drop"]?.number(in: 0.01...1, diagnostics: &diagnostics)
        config.tokenExpiryDays = fields["token_expiry_days"]?.integer(in: 1...365, diagnostics: &diagnostics)
        config.pauseAboveMedianValue = fields["pause_above_median_value"]?.number(
            in: 1.5...1_000_000, diagnostics: &diagnostics)
        config.repeatHours = fields["repeat_hours"]?.integer(in: 0...8_760, diagnostics: &diagnostics) ?? 24
        return config
    }
}
