public import RevloopCore

/// An alert a run raised, as the store remembers it for `revloop status` and for not posting the same
/// alert again within its repeat window. Its text names destinations, goals, codes and counts, never a person.
public struct RaisedAlert: Hashable, Sendable, Codable {
    /// `rejected_share`, `dead_letters`, `no_success`, `paused`, `match_rate`, `token_expiry`, `value_outlier`.
    public var kind: String
    /// The destination (or `destination/goal`) it concerns; empty for the whole project.
    public var target: String
    public var text: String
    public var raisedAt: Timestamp
    /// The run that raised it.
    public var runID: Int64?

    public init(kind: String, target: String, text: String, raisedAt: Timestamp, runID: Int64?) {
        self.kind = kind
        self.target = target
        self.text = text
        self.raisedAt = raisedAt
        self.runID = runID
    }
}
