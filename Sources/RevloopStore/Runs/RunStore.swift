public import RevloopCore

/// The history of command runs: what ran, when, how it ended and its summary figures.
public protocol RunStore: Sendable {
    /// Records the start of a run by this process and returns its id.
    func beginRun(command: String, startedAt: Timestamp, processID: Int32?) async throws -> Int64

    /// Records how a run ended.
    func finishRun(id: Int64, finishedAt: Timestamp, status: RunRecord.Status, summary: [String: Int]) async throws

    /// The most recent runs, newest first.
    func recentRuns(limit: Int) async throws -> [RunRecord]
}
