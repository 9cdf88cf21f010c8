internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// Speaks HTTP to Pipedrive's API v2 (and v1 for a deal's flow) for one connector: the API token in
/// `x-api-token`, cursor-paged lists,
/// `success` checked in every body (a 200 can carry `success: false`), and retries of 429s, 5xx and
/// timeouts within the retry budget, honouring `Retry-After`. Errors name the connector file and what to
/// do; they never carry the token or a record's content.
struct PipedriveClient: Sendable {
    private let config: ConnectorConfig
    private let transport: any HTTPTransport
    private let retrier: ConnectorRetrier
    private let token: Secret
    private let baseURL: String

    init(
        config: ConnectorConfig, transport: any HTTPTransport, clock: any DelayClock, retryPolicy: RetryPolicy,
        token: Secret
    ) {
        self.config = config
        self.transport = transport
        self.retrier = ConnectorRetrier(policy: retryPolicy, clock: clock, jitterSeed: 0x5049_5045_4452_4956)
        self.token = token
        var base = config.baseURL ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// One page of `GET /api/v2/{resource}`.
    func list<Item: Decodable>(_ resource: String, query: [URLQueryItem], as item: Item.Type)
        async throws(ConnectorError) -> (items: [Item], nextCursor: String?)
    {
        let path = "/api/v2/\(resource)"
        let page = try await get(path, query: query, as: PipedriveWire.Page<Item>.self)
        return (page?.data ?? [], page?.additionalData?.nextCursor)
    }

    /// The ids of every person linked to a deal (`GET /api/v2/persons?deal_id=`), in the list's order.
    func personIDs(ofDeal id: Int64) async throws(ConnectorError) -> [Int64] {
        var ids: [Int64] = []
        var cursor: String?
        repeat {
            var query = [URLQueryItem(name: "deal_id", value: String(id)), URLQueryItem(name: "limit", value: "500")]
            if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
            let page = try await list("persons", query: query, as: PipedriveWire.Identified.self)
            ids += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        return ids
    }

    /// The changes of `fields` in a deal's flow (`GET /api/v1/deals/{id}/flow`, paged by `start`), in the order
    /// listed (newest first); a deal Pipedrive no longer finds (404) has none.
    func changes(ofDeal id: Int64, fields: Set<String>) async throws(ConnectorError) -> [PipedriveWire.FlowChange] {
        let path = "/api/v1/deals/\(id)/flow"
        var changes: [PipedriveWire.FlowChange] = []
        var start = 0
        while true {
            let query = [
                URLQueryItem(name: "start", value: String(start)), URLQueryItem(name: "limit", value: "500"),
                URLQueryItem(name: "items", value: "dealChange"),
            ]
            guard let page = try await get(path, query: query, as: PipedriveWire.FlowPage.self) else { return [] }
            changes += (page.data ?? []).compactMap { $0.object == "dealChange" ? $0.data : nil }.filter {
                fields.contains($0.fieldKey)
            }
            guard let pagination = page.additionalData?.pagination, pagination.moreItemsInCollection == true,
                let next = pagination.nextStart, next > start
            else { return changes }
            start = next
        }
    }

    /// A `GET` of `path` decoded as `Answer`, `success` checked; `nil` when Pipedrive answers 404.
    private func get<Answer: Decodable & PipedriveAnswer>(_ path: String, query: [URLQueryItem], as: Answer.Type)
        async throws(ConnectorError) -> Answer?
    {
        var components = URLComponents(string: baseURL + path)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): 'base_url' \(baseURL) is not a valid URL")
        }
        let request = HTTPRequest(
            method: "GET", url: url, headers: ["x-api-token": token.reveal(), "Accept": "application/json"], body: nil,
            timeout: .seconds(config.requestTimeoutSeconds))
        let response = try await retrier.run("GET \(path)", sourcePath: config.sourcePath, crm: "Pipedrive") {
            () throws(ConnectorError) -> ConnectorRetrier.Attempt<HTTPResponse> in
            try await attempt(request, path: path)
        }
        if response.status == 404 { return nil }
        let page: Answer
        do {
            page = try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): Pipedrive's answer to GET \(path) is not the documented shape "
                    + "(\(FileExportSource.describe(error))); pull again, and report it if it persists")
        }
        guard page.success else {
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): Pipedrive answered success: false to GET \(path) "
                    + "(\(page.error ?? "no error given")); pull again, and report it if it persists")
        }
        return page
    }

    /// Every page of a list that is read whole (pipelines, stages).
    func all<Item: Decodable>(_ resource: String, as item: Item.Type) async throws(ConnectorError) -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            var query = [URLQueryItem(name: "limit", value: "500")]
            if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
            let page = try await list(resource, query: query, as: item)
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    private func attempt(_ request: HTTPRequest, path: String) async throws(ConnectorError)
        -> ConnectorRetrier.Attempt<HTTPResponse>
    {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failed(problem: error.kind == .timedOut ? "timed out" : "connection failed", retryAfter: nil)
        }
        switch response.status {
        case 200..<300,
            404 where path.hasPrefix("/api/v1/"):
            return .answered(response)
        case 401:
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): Pipedrive refused the API token (401); check that 'api_token' "
                    + "(\(config.apiToken.map { "\($0)" } ?? "?")) names a valid token of the company in 'base_url' "
                    + "(Pipedrive: Personal preferences > API), without quotes or line breaks")
        case 403:
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): Pipedrive refused GET \(path) (403); the token's user needs access to all "
                    + "deals and persons (a visibility group or admin rights)")
        case 429:
            return .failed(problem: "429 rate limited", retryAfter: response.retryAfterSeconds.map { .seconds($0) })
        case 500...599:
            return .failed(problem: "\(response.status)", retryAfter: nil)
        default:
            let body = try? JSONDecoder().decode(PipedriveWire.ErrorBody.self, from: response.body)
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): Pipedrive answered \(response.status) to GET \(path): "
                    + "\(body?.error ?? "no message")")
        }
    }
}
