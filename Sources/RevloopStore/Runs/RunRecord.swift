public import RevloopCore

/// One run of a command, as the store remembers it.
public struct RunRecord: Hashable, Sendable, Codable {
    /// How a run ended. A run still `running` after its process died was interrupted.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case running
        case succeeded
        /// Finished, with records reported as diagnostics.
        case succeededWithDiagnostics = "succeeded_with_diagnostics"
        case failed
    }

    public var id: Int64
    public var command: String
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var status: Status
    /// Named figures (`deals.inserted`, `diagnostics.errors`, ...).
    public var summary: [String: Int]
    /// The process that ran it, so a run left `running` by a killed process can be told from a live one.
    public var processID: Int32?

    public init(
        id: Int64, command: String, startedAt: Timestamp, finishedAt: Timestamp?, status: Status,
        summary: [String: Int], processID: Int32? = nil
    ) {
        self.id = id
        self.command = command
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.summary = summary
        self.processID = processID
    }
}
