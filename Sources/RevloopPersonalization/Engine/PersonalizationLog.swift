public import RevloopCore

/// The engine's persistent half: the decision log, the outcomes, and model snapshots.
///
/// The log is the source of truth: the model is a function of it (exposures at decision time, rewards as
/// they arrive), so a snapshot plus the entries after it rebuild the model exactly after a restart.
public protocol PersonalizationLog: Sendable {
    /// Appends a decision.
    func append(_ decision: LoggedDecision) async throws
    /// Appends an outcome; `false` (and nothing written) when one with the same decision, block and
    /// kind is already logged.
    func append(_ outcome: LoggedOutcome) async throws -> Bool
    /// The decision with that id.
    func decision(id: String) async throws -> LoggedDecision?
    /// The highest sequence logged (0 for an empty log).
    func lastSequence() async throws -> Int64
    /// Decisions with a sequence above `sequence`, oldest first, at most `limit`.
    func decisions(after sequence: Int64, limit: Int) async throws -> [LoggedDecision]
    /// Outcomes with a sequence above `sequence`, oldest first, at most `limit`.
    func outcomes(after sequence: Int64, limit: Int) async throws -> [LoggedOutcome]
    /// Decisions made at or after `time`, oldest first (frequency caps after a restart).
    func decisions(since time: Timestamp) async throws -> [LoggedDecision]
    func save(_ snapshot: ModelSnapshot) async throws
    func latestSnapshot() async throws -> ModelSnapshot?
}
