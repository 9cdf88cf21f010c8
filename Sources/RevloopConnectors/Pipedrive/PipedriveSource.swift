internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// The Pipedrive connector: pipelines and stages, then persons, the persons reconcile, deals and deleted deals
/// from API v2's cursor-paged lists.
///
/// Persons and deals are read in a modification-time window (`updated_since` = last end - lookback,
/// `updated_until` = run start), sorted by `update_time`; each page is committed with the window and the
/// list's `next_cursor`, so a crashed pull resumes at the first page not committed. Deleted deals are left
/// out of the deals list unless asked for (`status=deleted`): they are a stream of their own and reach the
/// store as deletions. Each deal read also has its persons read (`read_deal_persons`) and, when it ever moved
/// stage or closed, its flow (`read_deal_flow`): see `PipedriveSource+DealDetails`. Persons Pipedrive deleted or merged
/// away are found by the reconcile (`reconcile_persons`): see `PipedriveSource+Reconcile`. See
/// `PipedriveRecordMapper` for how won and lost, and stage transitions, are derived.
/// Last come the activities (`/api/v2/activities`, the same window and paging): calls, emails and meetings
/// as the activities scoring counts (`PipedriveActivityMapper`).
public struct PipedriveSource: CRMSource {
    public let config: ConnectorConfig
    let client: PipedriveClient
    let mapper: PipedriveRecordMapper
    /// What the store holds, for the persons reconcile; without it the reconcile is skipped.
    let roster: (any SnapshotRoster)?

    /// The streams, in pull order; each but `pipelines` has its own cursor.
    public static let streams = ["pipelines", "persons", "persons_reconcile", "deals", "deals_deleted", "activities"]

    /// A source for a `pipedrive` connector file.
    ///
    /// - Parameters:
    ///   - config: the connector file, read.
    ///   - transport: the HTTP transport (libcurl by default; tests use loopback sockets).
    ///   - clock: what retries wait on.
    ///   - retryPolicy: the retry budget for 429s, 5xx and timeouts.
    ///   - secrets: resolves `api_token`.
    ///   - roster: the store the pull commits to, read by the persons reconcile (`nil`: no reconcile).
    /// - Throws: `ConnectorError` when the file is not a Pipedrive connector with a token and a base URL.
    public init(
        config: ConnectorConfig, transport: any HTTPTransport = URLSessionHTTPTransport(),
        clock: any DelayClock = SystemDelayClock(), retryPolicy: RetryPolicy = RetryPolicy(),
        secrets: SecretResolver = .live, roster: (any SnapshotRoster)? = nil
    ) throws(ConnectorError) {
        guard config.kind == .pipedrive else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): not a 'pipedrive' connector")
        }
        guard let reference = config.apiToken else {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): a 'pipedrive' connector needs 'api_token: ${env:PIPEDRIVE_API_TOKEN}'")
        }
        guard config.baseURL != nil else {
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): a 'pipedrive' connector needs 'base_url' (https://yourcompany.pipedrive.com)")
        }
        let token: Secret
        do {
            token = try secrets.resolve(reference)
        } catch {
            throw ConnectorError(.credentialsRefused, "\(config.sourcePath): \(error)")
        }
        self.config = config
        self.client = PipedriveClient(
            config: config, transport: transport, clock: clock, retryPolicy: retryPolicy, token: token)
        self.mapper = PipedriveRecordMapper(config: config)
        self.roster = roster
    }

    public var name: ConnectorName { config.name }

    public func pull(
        from cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let pipelines = mapper.pipelines(
            try await client.all("pipelines", as: PipedriveWire.Pipeline.self),
            stages: try await client.all("stages", as: PipedriveWire.Stage.self))
        try await deliver(
            CRMPage(
                batch: SnapshotBatch(connector: name, pipelines: pipelines), cursors: [], diagnostics: [],
                progress: PullProgress(stream: "pipelines", completed: 1, total: 1, recordsRead: pipelines.count)),
            commit)
        try await pullWindow(
            stream: "persons", resource: "persons", filters: [], as: PipedriveWire.Person.self, cursors: cursors,
            asOf: asOf, commit: commit
        ) { persons throws(ConnectorError) in
            var batch = SnapshotBatch(connector: name)
            var diagnostics: [Diagnostic] = []
            for person in persons {
                let (contact, clicks, problems) = mapper.person(person, stream: "persons")
                if let contact { batch.contacts.append(contact) }
                batch.clickIDs += clicks
                diagnostics += problems
            }
            return (batch, diagnostics)
        }
        try await reconcilePersons(cursors: cursors, commit: commit)
        for (stream, filters) in [
            ("deals", [URLQueryItem]()), ("deals_deleted", [URLQueryItem(name: "status", value: "deleted")]),
        ] {
            try await pullWindow(
                stream: stream, resource: "deals", filters: filters, as: PipedriveWire.Deal.self, cursors: cursors,
                asOf: asOf, commit: commit
            ) { deals throws(ConnectorError) in
                var batch = SnapshotBatch(connector: name)
                var diagnostics: [Diagnostic] = []
                let details = try await details(of: deals)
                for wire in deals {
                    let (deal, problems) = mapper.deal(
                        wire, details: details[wire.id] ?? PipedriveDealDetails(), stream: stream)
                    if let deal { batch.deals.append(deal) }
                    diagnostics += problems
                }
                return (batch, diagnostics)
            }
        }
        let activityMapper = PipedriveActivityMapper(config: config)
        try await pullWindow(
            stream: "activities", resource: "activities", filters: [], as: PipedriveWire.Activity.self,
            cursors: cursors, asOf: asOf, commit: commit
        ) { activities in
            var batch = SnapshotBatch(connector: name)
            var diagnostics: [Diagnostic] = []
            for wire in activities {
                let (found, problem) = activityMapper.activities(wire, stream: "activities")
                if wire.isDeleted == true {
                    batch.activityDeletions += found
                } else {
                    batch.activities += found
                }
                if let problem { diagnostics.append(problem) }
            }
            return (batch, diagnostics)
        }
    }

    func deliver(_ page: CRMPage, _ commit: (CRMPage) async throws -> Void) async throws(ConnectorError) {
        try await page.commit(using: commit)
    }

    /// Pipedrive's filter times: RFC 3339 in UTC, to the millisecond (a window's bounds must not round).
    private static func wireTime(_ milliseconds: Int64) -> String {
        RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds), fractionalSeconds: true, useZ: true)
    }

    /// Reads one list's window page by page in `update_time` order, committing each page with the cursor
    /// that covers it.
    private func pullWindow<Item: Decodable>(
        stream: String, resource: String, filters: [URLQueryItem], as item: Item.Type,
        cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void,
        build: ([Item]) async throws(ConnectorError) -> (SnapshotBatch, [Diagnostic])
    ) async throws(ConnectorError) {
        var window = StreamWindowCursor.window(
            after: StreamWindowCursor.decode(cursors[stream]?.value), asOf: asOf.millisecondsSinceEpoch,
            lookback: Int64(config.lookbackSeconds) * 1_000)
        var read = 0
        while true {
            if Task.isCancelled { throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled") }
            var query =
                filters + [
                    URLQueryItem(name: "updated_since", value: Self.wireTime(window.start)),
                    URLQueryItem(name: "updated_until", value: Self.wireTime(window.end)),
                    URLQueryItem(name: "sort_by", value: "update_time"),
                    URLQueryItem(name: "sort_direction", value: "asc"),
                    URLQueryItem(name: "limit", value: String(config.pageSize)),
                ]
            if let after = window.after { query.append(URLQueryItem(name: "cursor", value: after)) }
            let page = try await client.list(resource, query: query, as: item)
            let (batch, diagnostics) = try await build(page.items)
            read += page.items.count
            window.after = page.nextCursor
            window.isComplete = page.nextCursor == nil
            try await deliver(
                CRMPage(
                    batch: batch, cursors: [PullCursor(connector: name, stream: stream, value: window.encoded())],
                    diagnostics: diagnostics,
                    progress: PullProgress(stream: stream, completed: Int64(read), total: nil, recordsRead: read)),
                commit)
            if window.isComplete { return }
        }
    }
}
