internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// The Salesforce connector: the org's opportunity stages, then contacts, then converted leads' click ids
/// (credited to the contact each became), then opportunities with their stage history and contact roles
/// (crms.md 2).
///
/// Contacts and opportunities are read through `queryAll` (so deleted and merged rows arrive, with
/// `IsDeleted` and `MasterRecordId`) in a `SystemModstamp` window `[last end - lookback, run start]`,
/// ordered by `SystemModstamp` then `Id`. Every page (`Sforce-Query-Options: batchSize`, then
/// `nextRecordsUrl`) is committed with the position of its last row, and a resumed pull asks for the rows
/// after that position, so a crash loses nothing and reads nothing twice. Each page of opportunities brings
/// their `OpportunityHistory` rows (stage transitions and amount changes) and `OpportunityContactRole` rows,
/// 200 opportunities per child query. With `bulk_api`, a window's rows come from a Bulk API 2.0 `queryAll`
/// job instead, in chunks of `page_size` by `Sforce-Locator`; a resumed pull starts a new job from the
/// committed position (a job's locators are not kept). Last come the activities reps log, `Task` calls and
/// emails and `Event` meetings (`SalesforceSource+Activities.swift`).
public struct SalesforceSource: CRMSource {
    public let config: ConnectorConfig
    let client: SalesforceClient
    private let mapper: SalesforceRecordMapper

    /// The streams, in pull order; all but `stages` have cursors (`leads` only with `read_converted_leads`).
    public static let streams =
        ["stages", "contacts", "leads", "opportunities"] + SalesforceActivityMapper.objects.map(\.stream)
    /// Opportunity ids per child query (`WHERE OpportunityId IN (...)` stays well under the URL limit).
    static let childQueryWidth = 200

    /// A source for a `salesforce` connector file.
    ///
    /// - Parameters:
    ///   - config: the connector file, read.
    ///   - transport: the HTTP transport (libcurl by default; tests use loopback sockets).
    ///   - clock: what retries wait on.
    ///   - wallClock: the time a JWT bearer assertion is stamped with.
    ///   - retryPolicy: the retry budget for 429s, 5xx, 403 `REQUEST_LIMIT_EXCEEDED` and timeouts.
    ///   - secrets: resolves `refresh_token`, `client_secret` and `private_key`.
    /// - Throws: `ConnectorError` when the file is not a Salesforce connector with credentials.
    public init(
        config: ConnectorConfig, transport: any HTTPTransport = URLSessionHTTPTransport(),
        clock: any DelayClock = SystemDelayClock(), wallClock: any WallClock = SystemWallClock(),
        retryPolicy: RetryPolicy = RetryPolicy(), secrets: SecretResolver = .live
    ) throws(ConnectorError) {
        guard config.kind == .salesforce else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): not a 'salesforce' connector")
        }
        guard config.refreshToken != nil || config.privateKey != nil else {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): a 'salesforce' connector needs 'refresh_token' (with 'client_id'), or "
                    + "'client_id', 'username' and 'private_key' for the JWT bearer flow")
        }
        self.config = config
        self.client = SalesforceClient(
            config: config, transport: transport, clock: clock, wallClock: wallClock, retryPolicy: retryPolicy,
            secrets: secrets, jitterSeed: 0x5346_4443)
        self.mapper = SalesforceRecordMapper(config: config)
    }

    public var name: ConnectorName { config.name }

    public func pull(
        from cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let stageRows = try await client.all(
            "SELECT \(SalesforceRecordMapper.stageFields.joined(separator: ", ")) FROM OpportunityStage ORDER BY SortOrder",
            includeDeleted: false)
        let pipeline = mapper.pipeline(stageRows)
        try await CRMPage(
            batch: SnapshotBatch(connector: name, pipelines: [pipeline]), cursors: [], diagnostics: [],
            progress: PullProgress(stream: "stages", completed: 1, total: 1, recordsRead: stageRows.count)
        ).commit(using: commit)
        try await pullWindow(
            stream: "contacts", object: "Contact", fields: mapper.contactFields, cursors: cursors, asOf: asOf,
            commit: commit
        ) { rows throws(ConnectorError) in
            var batch = SnapshotBatch(connector: name)
            var diagnostics: [Diagnostic] = []
            for row in rows {
                if row.flag("IsDeleted") {
                    let (merge, deletion) = mapper.removal(row)
                    if let merge { batch.contactMerges.append(merge) }
                    if let deletion { batch.contactDeletions.append(deletion) }
                    continue
                }
                let (contact, clicks, problems) = mapper.contact(row, stream: "contacts")
                if let contact { batch.contacts.append(contact) }
                batch.clickIDs += clicks
                diagnostics += problems
            }
            return (batch, diagnostics)
        }
        if config.readsConvertedLeads {
            try await pullWindow(
                stream: "leads", object: "Lead", fields: mapper.leadFields, filter: "IsConverted = true",
                cursors: cursors, asOf: asOf, commit: commit
            ) { rows throws(ConnectorError) in
                (SnapshotBatch(connector: name, clickIDs: rows.flatMap(mapper.leadClicks)), [])
            }
        }
        try await pullWindow(
            stream: "opportunities", object: "Opportunity", fields: mapper.opportunityFields, cursors: cursors,
            asOf: asOf, commit: commit
        ) { rows throws(ConnectorError) in try await opportunitiesPage(rows) }
        try await pullActivities(cursors: cursors, asOf: asOf, commit: commit)
    }

    /// A SOQL date-time literal: unquoted, UTC, with `Z` (a `+` would have to be escaped in the URL).
    static func literal(_ milliseconds: Int64) -> String {
        RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds), useZ: true)
    }

    /// Reads one stream's window page by page in `(SystemModstamp, Id)` order through `queryAll`,
    /// committing each page with the position of its last row.
    ///
    /// A query Salesforce stops with `QUERY_TIMEOUT` is asked again for the first half of what remains of the
    /// window (as Singer's tap does), then for the rest; the window is complete only when its end is reached.
    func pullWindow(
        stream: String, object: String, fields: [String], filter: String? = nil, cursors: [String: PullCursor],
        asOf: Timestamp,
        commit: (CRMPage) async throws -> Void,
        build: ([SalesforceWire.Record]) async throws(ConnectorError) -> (SnapshotBatch, [Diagnostic])
    ) async throws(ConnectorError) {
        var window = StreamWindowCursor.window(
            after: StreamWindowCursor.decode(cursors[stream]?.value), asOf: asOf.millisecondsSinceEpoch,
            lookback: Int64(config.lookbackSeconds) * 1_000)
        var read = 0
        // The end of the part of the window being read, when a timeout made it narrower than the window.
        var until: Int64?
        while true {
            let position = SalesforcePosition(window.after)
            var conditions = [
                "SystemModstamp >= \(Self.literal(window.start))",
                "SystemModstamp <= \(Self.literal(until ?? window.end))",
            ]
            if let filter { conditions.append(filter) }
            if let position {
                let at = Self.literal(position.modstamp)
                // An empty id: every row at that instant was read (a narrowed part of the window ended there).
                conditions.append(
                    position.id.isEmpty
                        ? "SystemModstamp > \(at)"
                        : "(SystemModstamp > \(at) OR (SystemModstamp = \(at) AND Id > '\(position.id)'))")
            }
            let soql =
                "SELECT \(fields.joined(separator: ", ")) FROM \(object) WHERE \(conditions.joined(separator: " AND ")) "
                + "ORDER BY SystemModstamp ASC, Id ASC"
            var (records, total, next): ([SalesforceWire.Record], Int?, NextPage?)
            do {
                (records, total, next) = try await firstPage(soql)
            } catch  where error.kind == .queryTimedOut {
                let from = max(window.start, position?.modstamp ?? window.start)
                let end = until ?? window.end
                guard end - from > 1_000 else {
                    throw ConnectorError(
                        .unreadable,
                        "\(config.sourcePath): Salesforce stops the \(object) query with QUERY_TIMEOUT even for one "
                            + "second of changes; try 'bulk_api: true', or ask Salesforce support about the org's "
                            + "query performance")
                }
                until = from + (end - from) / 2
                continue
            }
            while true {
                if Task.isCancelled {
                    throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled")
                }
                let (batch, diagnostics) = try await build(records)
                read += records.count
                if let last = records.last, let stamp = SalesforceRecordMapper.time(last.text("SystemModstamp")) {
                    window.after = SalesforcePosition(modstamp: stamp.millisecondsSinceEpoch, id: last.id).encoded
                }
                if next == nil, let end = until {
                    // That part of the window is read to its end: the rest comes next.
                    window.after = SalesforcePosition(modstamp: end, id: "").encoded
                }
                window.isComplete = next == nil && until == nil
                try await CRMPage(
                    batch: batch, cursors: [PullCursor(connector: name, stream: stream, value: window.encoded())],
                    diagnostics: diagnostics,
                    progress: PullProgress(
                        stream: stream, completed: Int64(read), total: total.map { Int64(max(read, $0)) },
                        recordsRead: read)
                ).commit(using: commit)
                guard let following = next else { break }
                if let stop = client.quotaGuard() { throw stop }
                switch following {
                case .nextRecordsURL(let url):
                    let page = try await client.next(url, batchSize: config.pageSize)
                    (records, total, next) = (page.records, page.totalSize, Self.next(page))
                case .bulkLocator(let job, let locator):
                    let chunk = try await client.bulkResults(job, locator: locator, maxRecords: config.pageSize)
                    records = chunk.records
                    next = chunk.locator.map { .bulkLocator(job: job, locator: $0) }
                    if next == nil { await client.deleteBulkJob(job) }
                }
            }
            guard until != nil else { return }
            until = nil
        }
    }

    /// Where the rows after a page come from: a REST query's `nextRecordsUrl`, or a Bulk API 2.0 job's locator.
    private enum NextPage: Equatable {
        case nextRecordsURL(String)
        case bulkLocator(job: String, locator: String)
    }

    private static func next(_ page: SalesforceWire.QueryPage) -> NextPage? {
        guard !page.done, let url = page.nextRecordsUrl else { return nil }
        return .nextRecordsURL(url)
    }

    /// The first page of a window's query: a REST `queryAll` (a batch of `page_size`), or with `bulk_api` a
    /// Bulk API 2.0 `queryAll` job waited on until complete and its first `page_size` results.
    private func firstPage(_ soql: String) async throws(ConnectorError) -> (
        [SalesforceWire.Record], Int?, NextPage?
    ) {
        guard config.usesBulkAPI else {
            let page = try await client.query(soql, includeDeleted: true, batchSize: config.pageSize)
            return (page.records, page.totalSize, Self.next(page))
        }
        let job = try await client.completedBulkQuery(soql)
        let chunk = try await client.bulkResults(job, locator: nil, maxRecords: config.pageSize)
        if chunk.locator == nil { await client.deleteBulkJob(job) }
        return (chunk.records, nil, chunk.locator.map { .bulkLocator(job: job, locator: $0) })
    }

    /// The rows of `object` that belong to the opportunities `ids` (deleted ones too); a query Salesforce stops
    /// with `QUERY_TIMEOUT` is asked again for each half of the ids.
    private func children(_ object: String, _ fields: [String], of ids: [String]) async throws(ConnectorError)
        -> [SalesforceWire.Record]
    {
        let soql =
            "SELECT \(fields.joined(separator: ", ")) FROM \(object) WHERE OpportunityId IN ("
            + ids.map { "'\($0)'" }.joined(separator: ", ") + ")"
        do {
            return try await client.all(soql, includeDeleted: true)
        } catch  where error.kind == .queryTimedOut && ids.count > 1 {
            let half = ids.count / 2
            return try await children(object, fields, of: Array(ids[..<half]))
                + children(object, fields, of: Array(ids[half...]))
        }
    }

    /// A page of opportunities, whole: their history rows and contact roles, 200 opportunities a query.
    private func opportunitiesPage(_ rows: [SalesforceWire.Record]) async throws(ConnectorError) -> (
        SnapshotBatch, [Diagnostic]
    ) {
        var history: [String: [SalesforceWire.Record]] = [:]
        var roles: [String: [SalesforceWire.Record]] = [:]
        for start in stride(from: 0, to: rows.count, by: Self.childQueryWidth) {
            let ids = rows[start..<min(start + Self.childQueryWidth, rows.count)].map(\.id)
            // queryAll: a deleted opportunity's rows are deleted with it, and it keeps them.
            for entry in try await children("OpportunityHistory", SalesforceRecordMapper.historyFields, of: ids) {
                history[entry.text("OpportunityId") ?? "", default: []].append(entry)
            }
            for entry in try await children(
                "OpportunityContactRole", SalesforceRecordMapper.contactRoleFields, of: ids)
            {
                roles[entry.text("OpportunityId") ?? "", default: []].append(entry)
            }
        }
        var batch = SnapshotBatch(connector: name)
        var diagnostics: [Diagnostic] = []
        for row in rows {
            let (deal, problems) = mapper.deal(
                row, history: history[row.id] ?? [], roles: roles[row.id] ?? [], stream: "opportunities")
            diagnostics += problems
            if let deal { batch.deals.append(deal) }
        }
        return (batch, diagnostics)
    }
}
