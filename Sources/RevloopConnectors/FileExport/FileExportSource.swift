internal import Foundation
public import RevloopCore

/// The file connector: reads a CRM export on disk (the bundled sample, `revloop sample`'s output, or a
/// user's own export in the same format) into pages of domain records.
///
/// Files are read in `ExportFormat.pulledStreams` order. Each page's cursor is the byte offset after its
/// last row, committed with the page, so a killed pull resumes where it stopped; an unchanged file is
/// skipped on the next pull. Bad rows become diagnostics with file, line and field; the rest still loads.
public struct FileExportSource: CRMSource {
    public let config: ConnectorConfig
    private let directory: String

    /// The stream whose cursor pins the timestamp shift of `rebase_timestamps: run_date`.
    public static let rebaseStream = "rebase_days"

    public init(config: ConnectorConfig) throws(ConnectorError) {
        guard let directory = config.exportDirectory else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): the file connector needs 'path'")
        }
        self.config = config
        self.directory = directory
    }

    public var name: ConnectorName { config.name }

    /// The export's manifest, if it has one.
    public func manifest() throws(ConnectorError) -> ExportManifest? {
        let path = directory + "/" + ExportFormat.manifest
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ExportManifest.self, from: data)
        } catch {
            throw ConnectorError(.badFormat, "\(path): error: not a Revloop export manifest: \(error)")
        }
    }

    public func pull(
        from cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        var pinned: [PullCursor] = []
        let rebaseDays = try rebase(cursors: cursors, asOf: asOf, newCursor: &pinned)
        let parser = ExportRecordParser(connector: config, rebaseDays: rebaseDays)
        for stream in ExportFormat.pulledStreams {
            let path = directory + "/" + stream
            guard let (fingerprint, size) = FileStreamCursor.fingerprint(of: path) else {
                if [ExportFormat.pipelines, ExportFormat.clickIDs, ExportFormat.activities].contains(stream) {
                    continue
                }
                throw ConnectorError(
                    .unreadable,
                    "\(path): error: the export has no \(stream); \(config.sourcePath) 'path' points at the wrong folder?"
                )
            }
            let previous = FileStreamCursor.decode(cursors[stream]?.value)
            if let previous, previous.fingerprint == fingerprint, previous.isComplete { continue }
            let resume = previous?.fingerprint == fingerprint ? previous : nil
            let context = StreamContext(
                stream: stream, path: path, fingerprint: fingerprint, size: size, resume: resume, pinned: pinned)
            if stream == ExportFormat.pipelines {
                try await pullPipelines(context, commit: commit)
            } else if stream == ExportFormat.deals {
                try await pullDeals(context, parser: parser, commit: commit)
            } else {
                try await pullCSV(context, parser: parser, commit: commit)
            }
            pinned = []
        }
        if !pinned.isEmpty {
            try await deliver(
                CRMPage(
                    batch: SnapshotBatch(connector: name), cursors: pinned, diagnostics: [],
                    progress: PullProgress(stream: Self.rebaseStream, completed: 0, total: nil, recordsRead: 0)), commit
            )
        }
    }

    struct StreamContext {
        let stream: String
        let path: String
        let fingerprint: String
        let size: Int64
        let resume: FileStreamCursor?
        /// Cursors that must be committed with this stream's first page.
        let pinned: [PullCursor]

        /// The path as shown in messages: relative to the working directory when possible.
        var displayPath: String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
    }

    /// `pipelines.json` as pipelines.
    static func readPipelines(path: String, displayPath: String) throws(ConnectorError) -> [Pipeline] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectorError(.unreadable, "cannot read \(displayPath)")
        }
        let pipelines: [ExportPipeline]
        do {
            pipelines = try JSONDecoder().decode([ExportPipeline].self, from: data)
        } catch {
            throw ConnectorError(.badFormat, "\(displayPath): error: not a list of pipelines with stages: \(error)")
        }
        return pipelines.map { pipeline in
            Pipeline(
                id: PipelineID(pipeline.id), label: pipeline.label,
                stages: pipeline.stages.map {
                    PipelineStage(
                        id: StageID($0.id), label: $0.label, winProbability: $0.probability, isClosed: $0.isClosed,
                        isWon: $0.isWon)
                })
        }
    }

    /// The days a read at `asOf` shifts timestamps by: the shift pinned in `cursors` (the store's) if there
    /// is one, else what a first pull at `asOf` would pin.
    public func rebaseDays(pinned cursors: [String: PullCursor], asOf: Timestamp) throws(ConnectorError) -> Int64 {
        var ignored: [PullCursor] = []
        return try rebase(cursors: cursors, asOf: asOf, newCursor: &ignored)
    }

    /// The export folder.
    public var exportDirectory: String { directory }

    /// The days to shift timestamps by: pinned in the store at the first pull, so later pulls agree.
    private func rebase(cursors: [String: PullCursor], asOf: Timestamp, newCursor: inout [PullCursor])
        throws(ConnectorError)
        -> Int64
    {
        guard config.timestampRebase == .runDate else { return 0 }
        if let stored = cursors[Self.rebaseStream].flatMap({ Int64($0.value) }) { return stored }
        guard let manifest = try manifest(), let anchor = CalendarDay(iso: manifest.anchorDate) else {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): error: 'rebase_timestamps: run_date' needs the export's manifest.json with 'anchor_date'"
            )
        }
        let days = asOf.utcDay.daysSinceEpoch - anchor.daysSinceEpoch
        newCursor = [PullCursor(connector: name, stream: Self.rebaseStream, value: String(days))]
        return days
    }

    private func cursor(_ context: StreamContext, offset: Int64, line: Int, complete: Bool) -> PullCursor {
        let value = FileStreamCursor(fingerprint: context.fingerprint, offset: offset, line: line, isComplete: complete)
        return PullCursor(connector: name, stream: context.stream, value: value.encoded())
    }

    private func deliver(_ page: CRMPage, _ commit: (CRMPage) async throws -> Void) async throws(ConnectorError) {
        try await page.commit(using: commit)
    }

    private func pullPipelines(_ context: StreamContext, commit: (CRMPage) async throws -> Void)
        async throws(ConnectorError)
    {
        let pipelines = try Self.readPipelines(path: context.path, displayPath: context.displayPath)
        let batch = SnapshotBatch(connector: name, pipelines: pipelines)
        let cursors = context.pinned + [cursor(context, offset: context.size, line: 0, complete: true)]
        try await deliver(
            CRMPage(
                batch: batch, cursors: cursors, diagnostics: [],
                progress: PullProgress(
                    stream: context.stream, completed: context.size, total: context.size,
                    recordsRead: pipelines.count)), commit)
    }

    private func pullCSV(_ context: StreamContext, parser: ExportRecordParser, commit: (CRMPage) async throws -> Void)
        async throws(ConnectorError)
    {
        let reader = try CSVRecordReader(path: context.path, displayPath: context.displayPath)
        let columns: [String]
        switch context.stream {
        case ExportFormat.companies: columns = ["company_id", "name", "created_at", "updated_at"]
        case ExportFormat.contacts: columns = ["contact_id", "created_at", "updated_at"]
        case ExportFormat.activities: columns = ["contact_id", "kind", "occurred_at"]
        default: columns = ["contact_id", "kind", "value", "clicked_at"]
        }
        try reader.require(columns: columns)
        if let resume = context.resume { reader.seek(to: resume.offset, line: resume.line) }
        var page = PageBuilder(connector: name, context: context)
        var lastLine = context.resume?.line ?? 1
        func flush(complete: Bool) async throws(ConnectorError) {
            let covering = cursor(context, offset: reader.offset, line: lastLine, complete: complete)
            try await deliver(page.take(cursor: covering, offset: reader.offset), commit)
        }
        while let row = reader.nextRecord() {
            try Task.checkCancellation(orThrow: context)
            page.countRow()
            lastLine = reader.lineNumber
            let source = DiagnosticSource(path: context.displayPath, line: row.line)
            if let problem = row.structuralProblem {
                page.diagnostics.append(Diagnostic(.error, problem, at: source))
            } else {
                switch context.stream {
                case ExportFormat.companies:
                    let (company, problems) = parser.company(row, source: source)
                    if let company { page.batch.companies.append(company) }
                    page.diagnostics += problems
                case ExportFormat.contacts:
                    let (contact, problems) = parser.contact(row, source: source)
                    if let contact { page.batch.contacts.append(contact) }
                    page.diagnostics += problems
                case ExportFormat.activities:
                    let (activity, problems) = parser.activity(row, source: source)
                    if let activity { page.batch.activities.append(activity) }
                    page.diagnostics += problems
                default:
                    let (clickID, problems) = parser.clickID(row, source: source)
                    if let clickID { page.batch.clickIDs.append(clickID) }
                    page.diagnostics += problems
                }
            }
            if page.rowsInPage >= config.batchSize { try await flush(complete: false) }
        }
        guard !reader.hasReadError else { throw readError(context) }
        try await flush(complete: true)
    }

    /// A read that failed part-way: what was committed stays, and the stream is not marked complete.
    private func readError(_ context: StreamContext) -> ConnectorError {
        ConnectorError(.unreadable, "\(context.displayPath): error: reading failed part-way; pull again to resume")
    }

    private func pullDeals(_ context: StreamContext, parser: ExportRecordParser, commit: (CRMPage) async throws -> Void)
        async throws(ConnectorError)
    {
        let reader = try LineReader(path: context.path)
        if let resume = context.resume { reader.seek(to: resume.offset, line: resume.line) }
        var page = PageBuilder(connector: name, context: context)
        func flush(complete: Bool) async throws(ConnectorError) {
            let covering = cursor(context, offset: reader.offset, line: reader.lineNumber, complete: complete)
            try await deliver(page.take(cursor: covering, offset: reader.offset), commit)
        }
        while let line = reader.nextLine() {
            try Task.checkCancellation(orThrow: context)
            guard !line.isEmpty else { continue }
            page.countRow()
            let source = DiagnosticSource(path: context.displayPath, line: reader.lineNumber)
            var text = line
            let (deal, problems) = text.withUTF8 { parser.deal(line: $0, source: source) }
            if let deal { page.batch.deals.append(deal) }
            page.diagnostics += problems
            if page.rowsInPage >= config.batchSize { try await flush(complete: false) }
        }
        guard !reader.hasReadError else { throw readError(context) }
        try await flush(complete: true)
    }

    /// A decoding error in words, naming the field but never quoting the data.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "not valid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch decodingError {
        case .keyNotFound(let key, _): return "field '\(key.stringValue)' is missing"
        case .typeMismatch(_, let context): return "field '\(path(context))' has the wrong type"
        case .valueNotFound(_, let context): return "field '\(path(context))' is null"
        case .dataCorrupted: return "not valid JSON"
        @unknown default: return "not valid JSON"
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Stops a pull between rows when the task is cancelled (Ctrl-C); what was committed stays committed.
    static func checkCancellation(orThrow context: FileExportSource.StreamContext) throws(ConnectorError) {
        if Task.isCancelled {
            throw ConnectorError(.unreadable, "cancelled while reading \(context.displayPath)")
        }
    }
}
