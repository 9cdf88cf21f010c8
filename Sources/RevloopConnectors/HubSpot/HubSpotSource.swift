internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// The HubSpot connector: pipelines, then contacts and deals by search, then deleted (archived) deals.
///
/// Contacts and deals are read by `POST .../search` in a modification-time window (`[last end - lookback,
/// run start]`, epoch-ms filters) in object-id order: each page asks for the ids above the last one
/// committed, so a window of any size is read whole even though one search stops at 10,000 results, and a
/// crashed pull resumes at the first page not committed. Each deals page brings the deals' stage and amount
/// histories (`propertiesWithHistory` by batch read, 50 at a time), their contacts (v4 batch associations,
/// following each deal's own paging) and the deals merged into them. Contacts carry their click ids
/// (`hs_google_click_id`, `hs_facebook_click_id`, `hs_linkedin_click_id`) and the contacts merged into them
/// (`hs_calculated_merged_vids`), which the store folds into the survivor. Archived deals come from the list
/// endpoint (`archived=true`) as deletions. Last come the engagements reps log (meetings, calls, emails;
/// `HubSpotSource+Engagements.swift`) as the activities scoring counts.
public struct HubSpotSource: CRMSource {
    public let config: ConnectorConfig
    private let client: HubSpotClient
    private let mapper: HubSpotRecordMapper

    /// The streams, in pull order; each has its own cursor.
    public static let streams =
        ["pipelines", "contacts", "deals", "deals_archived"] + HubSpotEngagementMapper.objectTypes.map(\.type)
    /// Ids a batch read with `propertiesWithHistory` takes (as the list endpoint's 50 with histories).
    static let historyBatchSize = 50

    /// A source for a `hubspot` connector file.
    ///
    /// - Parameters:
    ///   - config: the connector file, read.
    ///   - transport: the HTTP transport (libcurl by default; tests use loopback sockets).
    ///   - clock: what retries and pacing wait on, and OAuth expiry is measured with.
    ///   - retryPolicy: the retry budget for 429s, 5xx and timeouts.
    ///   - secrets: resolves `access_token`, `refresh_token` and `client_secret`.
    /// - Throws: `ConnectorError` when the file is not a HubSpot connector with credentials.
    public init(
        config: ConnectorConfig, transport: any HTTPTransport = URLSessionHTTPTransport(),
        clock: any DelayClock = SystemDelayClock(), retryPolicy: RetryPolicy = RetryPolicy(),
        secrets: SecretResolver = .live
    ) throws(ConnectorError) {
        guard config.kind == .hubspot else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): not a 'hubspot' connector")
        }
        guard config.accessToken != nil || config.refreshToken != nil else {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): a 'hubspot' connector needs 'access_token' or 'refresh_token'")
        }
        self.config = config
        self.client = HubSpotClient(
            config: config, transport: transport, clock: clock, retryPolicy: retryPolicy, secrets: secrets,
            jitterSeed: 0x4855_4253_504F_54)
        self.mapper = HubSpotRecordMapper(config: config)
    }

    public var name: ConnectorName { config.name }

    public func pull(
        from cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let pipelines = mapper.pipelines(try await client.get(.pipelines("deals"), as: HubSpotWire.PipelinePage.self))
        try await deliver(
            CRMPage(
                batch: SnapshotBatch(connector: name, pipelines: pipelines), cursors: [], diagnostics: [],
                progress: PullProgress(stream: "pipelines", completed: 1, total: 1, recordsRead: pipelines.count)),
            commit)
        try await pullWindow(
            stream: "contacts", objectType: "contacts", modifiedProperty: "lastmodifieddate",
            properties: mapper.contactProperties, cursors: cursors, asOf: asOf, commit: commit
        ) { objects throws(ConnectorError) in
            var batch = SnapshotBatch(connector: name)
            var diagnostics: [Diagnostic] = []
            for object in objects {
                let (contact, clicks, problems) = mapper.contact(object, stream: "contacts")
                if let contact { batch.contacts.append(contact) }
                batch.clickIDs += clicks
                batch.contactMerges += mapper.contactMerges(object)
                diagnostics += problems
            }
            return (batch, diagnostics)
        }
        try await pullWindow(
            stream: "deals", objectType: "deals", modifiedProperty: "hs_lastmodifieddate",
            properties: ["hs_lastmodifieddate"], cursors: cursors, asOf: asOf, commit: commit
        ) { objects throws(ConnectorError) in try await dealsPage(ids: objects.map(\.id)) }
        try await pullArchived(cursors: cursors, asOf: asOf, commit: commit)
        try await pullEngagements(cursors: cursors, asOf: asOf, commit: commit)
    }

    private func deliver(_ page: CRMPage, _ commit: (CRMPage) async throws -> Void) async throws(ConnectorError) {
        try await page.commit(using: commit)
    }

    private func cursor(_ stream: String, _ value: StreamWindowCursor) -> PullCursor {
        PullCursor(connector: name, stream: stream, value: value.encoded())
    }

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    /// Reads one search stream's window page by page in id order, committing each page with the cursor
    /// that covers it.
    func pullWindow(
        stream: String, objectType: String, modifiedProperty: String, properties: [String],
        cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void,
        build: ([HubSpotWire.Object]) async throws(ConnectorError) -> (SnapshotBatch, [Diagnostic])
    ) async throws(ConnectorError) {
        var window = StreamWindowCursor.window(
            after: StreamWindowCursor.decode(cursors[stream]?.value), asOf: asOf.millisecondsSinceEpoch,
            lookback: Int64(config.lookbackSeconds) * 1_000)
        var read = 0
        while true {
            if Task.isCancelled { throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled") }
            var filters: [[String: Any]] = [
                ["propertyName": modifiedProperty, "operator": "GTE", "value": String(window.start)],
                ["propertyName": modifiedProperty, "operator": "LTE", "value": String(window.end)],
            ]
            if let after = window.after {
                filters.append(["propertyName": "hs_object_id", "operator": "GT", "value": after])
            }
            let body = Self.json([
                "filterGroups": [["filters": filters]],
                "sorts": [["propertyName": "hs_object_id", "direction": "ASCENDING"]], "properties": properties,
                "limit": config.pageSize,
            ])
            let page = try await client.post(.search(objectType), json: body, as: HubSpotWire.Page.self)
            let (batch, diagnostics) = try await build(page.results)
            read += page.results.count
            if let last = page.results.last { window.after = last.id }
            let hasMore = page.paging?.next != nil && !page.results.isEmpty
            window.isComplete = !hasMore
            let remaining = Int64(max(0, (page.total ?? page.results.count) - page.results.count))
            try await deliver(
                CRMPage(
                    batch: batch, cursors: [cursor(stream, window)], diagnostics: diagnostics,
                    progress: PullProgress(
                        stream: stream, completed: Int64(read), total: Int64(read) + remaining, recordsRead: read)),
                commit)
            if !hasMore { return }
        }
    }

    /// The deals of one search page, whole: properties and histories by batch read, contacts by association.
    ///
    /// The batch reads (50 ids each) and the association read go out together, so a page costs about one
    /// round trip instead of five: against HubSpot's latency, one request at a time would stay below the
    /// request limit the pacing allows. At most `pageSize / 50 + 1` (5) requests are in flight.
    private func dealsPage(ids: [String]) async throws(ConnectorError) -> (SnapshotBatch, [Diagnostic]) {
        let chunks = stride(from: 0, to: ids.count, by: Self.historyBatchSize).map {
            Array(ids[$0..<min($0 + Self.historyBatchSize, ids.count)])
        }
        var reads = [[HubSpotWire.Object]](repeating: [], count: chunks.count)
        var contacts: [String: [ContactID]] = [:]
        do {
            try await withThrowingTaskGroup(of: DealsPagePart.self) { group in
                group.addTask { .contacts(try await contactIDs(of: ids)) }
                for (index, chunk) in chunks.enumerated() {
                    group.addTask { .deals(index, try await readDeals(chunk)) }
                }
                while let part = try await group.next() {
                    switch part {
                    case .contacts(let found): contacts = found
                    case .deals(let index, let objects): reads[index] = objects
                    }
                }
            }
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(.unreadable, "\(config.sourcePath): reading a page of deals failed: \(error)")
        }
        let objects = reads.flatMap { $0 }
        var batch = SnapshotBatch(connector: name)
        var diagnostics: [Diagnostic] = []
        let order = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for object in objects.sorted(by: { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }) {
            let (deal, problems) = mapper.deal(object, contactIDs: contacts[object.id] ?? [], stream: "deals")
            diagnostics += problems
            guard let deal else { continue }
            batch.deals.append(deal)
            batch.deals += mapper.mergedDeals(into: deal, object: object)
        }
        return (batch, diagnostics)
    }

    /// What one concurrent part of a deals page brings.
    private enum DealsPagePart: Sendable {
        case contacts([String: [ContactID]])
        case deals(Int, [HubSpotWire.Object])
    }

    /// Deals by id with their stage and amount histories; ids missing from the answer were deleted since the
    /// search (the archived stream reads them).
    private func readDeals(_ ids: [String]) async throws(ConnectorError) -> [HubSpotWire.Object] {
        let body = Self.json([
            "inputs": ids.map { ["id": $0] }, "properties": HubSpotRecordMapper.dealProperties,
            "propertiesWithHistory": HubSpotRecordMapper.dealHistories,
        ])
        return try await client.post(.batchRead("deals"), json: body, as: HubSpotWire.BatchPage.self).results
    }

    /// Each deal's contacts (or another object's, through `endpoint`), the primary first, from v4 batch reads
    /// of up to 1,000 objects, following an object's own `paging` when it has more contacts than one answer
    /// holds.
    func contactIDs(
        of objectIDs: [String], through endpoint: HubSpotClient.Endpoint = .dealContactAssociations
    ) async throws(ConnectorError) -> [String: [ContactID]] {
        var result: [String: [ContactID]] = [:]
        var pending: [(id: String, after: String?)] = objectIDs.map { ($0, nil) }
        var requests = 0
        while !pending.isEmpty {
            let chunk = pending.prefix(1_000)
            pending.removeFirst(chunk.count)
            requests += 1
            guard requests <= 10_000 else {
                throw ConnectorError(
                    .badFormat, "\(config.sourcePath): HubSpot's association paging does not end; report it")
            }
            let body = Self.json([
                "inputs": chunk.map { input -> [String: String] in
                    var entry = ["id": input.id]
                    if let after = input.after { entry["after"] = after }
                    return entry
                }
            ])
            let page = try await client.post(endpoint, json: body, as: HubSpotWire.AssociationPage.self)
            for entry in page.results {
                let deal = entry.from.id.text
                for target in entry.to {
                    let contact = ContactID(target.toObjectId.text)
                    if !(result[deal]?.contains(contact) ?? false) { result[deal, default: []].append(contact) }
                }
                if let next = entry.paging?.next?.after { pending.append((deal, next)) }
            }
        }
        return result
    }

    /// Deleted deals: the list endpoint with `archived=true` (search leaves them out), those archived since
    /// the last pull's start less the look-back, with their histories and contacts, as deletions.
    private func pullArchived(
        cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let stream = "deals_archived"
        var window = StreamWindowCursor.window(
            after: StreamWindowCursor.decode(cursors[stream]?.value), asOf: asOf.millisecondsSinceEpoch,
            lookback: Int64(config.lookbackSeconds) * 1_000)
        var read = 0
        while true {
            var query = [
                URLQueryItem(name: "limit", value: String(Self.historyBatchSize)),
                URLQueryItem(name: "archived", value: "true"),
                URLQueryItem(name: "properties", value: HubSpotRecordMapper.dealProperties.joined(separator: ",")),
                URLQueryItem(
                    name: "propertiesWithHistory", value: HubSpotRecordMapper.dealHistories.joined(separator: ",")),
                URLQueryItem(name: "associations", value: "contacts"),
            ]
            if let after = window.after { query.append(URLQueryItem(name: "after", value: after)) }
            let page = try await client.get(.list("deals"), query: query, as: HubSpotWire.Page.self)
            var batch = SnapshotBatch(connector: name)
            var diagnostics: [Diagnostic] = []
            for object in page.results {
                read += 1
                guard let archivedAt = HubSpotRecordMapper.time(object.archivedAt),
                    archivedAt.millisecondsSinceEpoch >= window.start
                else { continue }
                let contacts = (object.associations?["contacts"]?.results ?? []).map { ContactID($0.id.text) }
                let (deal, problems) = mapper.deal(object, contactIDs: contacts, stream: stream)
                diagnostics += problems
                if var deal {
                    deal.isDeleted = true
                    batch.deals.append(deal)
                }
            }
            let next = page.paging?.next?.after
            window.after = next
            window.isComplete = next == nil
            try await deliver(
                CRMPage(
                    batch: batch, cursors: [cursor(stream, window)], diagnostics: diagnostics,
                    progress: PullProgress(stream: stream, completed: Int64(read), total: nil, recordsRead: read)),
                commit)
            if next == nil { return }
        }
    }
}
