/// `alerts` in revloop.yaml: when a delivery run should raise an alert, where alerts are posted, and the
/// automatic shutdown that pauses a destination instead of letting it keep failing.
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

    public init() {}

    static let keys = ["webhook", "rejected_share", "dead_letters", "no_success_hours", "pause_above_rejected_share"]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> AlertConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = AlertConfig()
        config.webhook = fields["webhook"]?.secretReference(diagnostics: &diagnostics)
        config.rejectedShare = fields["rejected_share"]?.number(in: 0...1, diagnostics: &diagnostics)
        config.deadLetters = fields["dead_letters"]?.integer(in: 1...100_000_000, diagnostics: &diagnostics)
        config.noSuccessHours = fields["no_success_hours"]?.integer(in: 1...8_760, diagnostics: &diagnostics)
        config.pauseAboveRejectedShare = fields["pause_above_rejected_share"]?.number(
            in: 0...1, diagnostics: &diagnostics)
        return config
    }
}
