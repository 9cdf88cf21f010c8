public import RevloopCore

/// One page of a pull: records, the cursors that cover them, what was wrong with the rest, and progress.
public struct CRMPage: Sendable {
    public var batch: SnapshotBatch
    /// Cursors to store with this page, in the same transaction.
    public var cursors: [PullCursor]
    /// Problems with individual records in the page's range (those records are not in `batch`).
    public var diagnostics: [Diagnostic]
    public var progress: PullProgress

    public init(batch: SnapshotBatch, cursors: [PullCursor], diagnostics: [Diagnostic], progress: PullProgress) {
        self.batch = batch
        self.cursors = cursors
        self.diagnostics = diagnostics
        self.progress = progress
    }
}

/// How far a pull has got in one stream.
public struct PullProgress: Sendable, Hashable {
    public var stream: String
    /// Units done and in all (bytes for a file, records for an API when the total is known).
    public var completed: Int64
    public var total: Int64?
    /// Rows read in this stream so far in this run.
    public var recordsRead: Int

    public init(stream: String, completed: Int64, total: Int64?, recordsRead: Int) {
        self.stream = stream
        self.completed = completed
        self.total = total
        self.recordsRead = recordsRead
    }
}
