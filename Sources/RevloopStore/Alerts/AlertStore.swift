public import RevloopCore

/// The alerts runs raised: shown by `revloop status`, and read before posting so a standing condition is
/// posted once per repeat window instead of after every cycle.
public protocol AlertStore: Sendable {
    func recordAlerts(_ alerts: [RaisedAlert]) async throws
    /// Alerts raised at or after `since`, newest first, at most `limit`.
    func alerts(since: Timestamp, limit: Int) async throws -> [RaisedAlert]
}
