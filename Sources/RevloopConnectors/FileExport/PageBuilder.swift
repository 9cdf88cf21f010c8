internal import RevloopCore

/// Collects one page of an export stream: its records, their diagnostics, and the cursors that must be
/// committed with it (a pinned timestamp shift rides on the stream's first page).
struct PageBuilder {
    private let connector: ConnectorName
    private let stream: String
    private let size: Int64
    var batch: SnapshotBatch
    var diagnostics: [Diagnostic] = []
    private var pinned: [PullCursor]
    /// Rows read in this stream during this run.
    private(set) var recordsRead = 0
    /// Rows in the page being built.
    private(set) var rowsInPage = 0

    init(connector: ConnectorName, context: FileExportSource.StreamContext) {
        self.connector = connector
        self.stream = context.stream
        self.size = context.size
        self.batch = SnapshotBatch(connector: connector)
        self.pinned = context.pinned
    }

    mutating func countRow() {
        recordsRead += 1
        rowsInPage += 1
    }

    /// The page, covered by `cursor` (which ends at byte `offset`), and a fresh empty one to go on with.
    mutating func take(cursor: PullCursor, offset: Int64) -> CRMPage {
        let page = CRMPage(
            batch: batch, cursors: pinned + [cursor], diagnostics: diagnostics,
            progress: PullProgress(stream: stream, completed: offset, total: size, recordsRead: recordsRead))
        batch = SnapshotBatch(connector: connector)
        diagnostics = []
        pinned = []
        rowsInPage = 0
        return page
    }
}
