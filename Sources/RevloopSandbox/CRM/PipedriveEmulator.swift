internal import Foundation
public import RevloopCore
public import RevloopHTTP
internal import Synchronization

/// Pipedrive's API v2 on loopback (crms.md 3): `GET /api/v2/deals` and `/api/v2/persons` (filters
/// `updated_since`, `updated_until`, `status`, `sort_by`, `sort_direction`, and `deal_id` for a deal's persons;
/// cursor paging), `/api/v2/activities` (the same window and paging), `/api/v2/pipelines` and `/api/v2/stages`;
/// and of API v1, a deal's flow (`GET /api/v1/deals/{id}/flow`) and the person merge
/// (`PUT /api/v1/persons/{id}/merge`); every body carries `success`.
///
/// It answers 401 without a known `x-api-token`, 400 for a bad `limit` (over 500), cursor or filter, and
/// injects the faults of `SandboxFaults`: 429s with `Retry-After`, 5xx, dropped connections and slow answers.
public final class PipedriveEmulator: Sendable {
    /// Credentials.
    public struct Options: Sendable {
        /// API tokens accepted; `nil` accepts any non-empty token (as `revloop sandbox` does).
        public var apiTokens: Set<String>?

        public init(apiTokens: Set<String>? = nil) {
            self.apiTokens = apiTokens
        }
    }

    struct State {
        var dataset: PipedriveDataset
        var tally = PipedriveTally()
    }

    /// The largest `limit` a list endpoint takes.
    static let maximumLimit = 500
    static let pathPrefix = "/api/v2/"

    public let faults: SandboxFaults
    public let options: Options
    /// What a merge made over HTTP is stamped with.
    let clock: any WallClock
    let state: Mutex<State>

    public init(
        dataset: PipedriveDataset, options: Options = Options(), faults: SandboxFaults = SandboxFaults(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.state = Mutex(State(dataset: dataset))
        self.options = options
        self.faults = faults
        self.clock = clock
    }

    /// What the emulator answered so far.
    public var tally: PipedriveTally { state.withLock { $0.tally } }

    /// Whether the path is Pipedrive's (`/api/v2/...` collides with no other emulator's).
    public func handles(path: String) -> Bool {
        path.hasPrefix(Self.pathPrefix) || path.hasPrefix(Self.v1PathPrefix) || path.hasPrefix("/_sandbox/pipedrive")
    }

    /// Serves only this emulator on `port` (0: any free port).
    public func serve(port: UInt16 = 0) throws -> LoopbackServer {
        try LoopbackServer(port: port) { [self] request in handle(request) }
    }

    // MARK: Changes, as users make them in Pipedrive

    /// Deletes a deal at `time`: its status becomes `deleted`, and the list leaves it out unless asked.
    public func deleteDeal(_ id: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let index = state.dataset.deals.firstIndex(where: { $0.id == id }) else { return }
            state.dataset.deals[index].status = .deleted
            state.dataset.deals[index].updateTime = time.millisecondsSinceEpoch
        }
    }

    /// Wins a deal at `time`: it stays in its stage, with `won_time` and `close_time` set.
    public func winDeal(_ id: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let index = state.dataset.deals.firstIndex(where: { $0.id == id }) else { return }
            let milliseconds = time.millisecondsSinceEpoch
            let deal = state.dataset.deals[index]
            state.dataset.deals[index].changes.append(
                PipedriveDealChange(
                    fieldKey: "status", oldValue: deal.status.rawValue, newValue: "won", at: time.millisecondsSinceEpoch
                ))
            state.dataset.deals[index].status = .won
            state.dataset.deals[index].wonTime = milliseconds
            state.dataset.deals[index].closeTime = milliseconds
            state.dataset.deals[index].updateTime = milliseconds
        }
    }

    /// Deletes an activity at `time` (`is_deleted`; the list still returns it, so a pull sees the deletion).
    public func deleteActivity(_ id: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let index = state.dataset.activities.firstIndex(where: { $0.id == id }) else { return }
            state.dataset.activities[index].isDeleted = true
            state.dataset.activities[index].updateTime = time.millisecondsSinceEpoch
        }
    }

    // MARK: Requests

    /// Answers one request; `nil` drops the connection without an answer.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.url.path
        if path == "/_sandbox/pipedrive/merge" { return sandboxMerge(request) }
        if path == "/_sandbox/pipedrive" {
            let body = (try? JSONEncoder().encode(tally)) ?? Data()
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
        }
        guard let route = Route(path: path) else { return Self.failure(404, "Unknown method .") }
        guard request.method == route.method else { return Self.failure(405, "Method not allowed") }
        // v1 also takes the token as the `api_token` query parameter.
        let token =
            (request.headers["x-api-token"] ?? EmulatorJSON.query(request.url)["api_token"])?
            .trimmingCharacters(in: .whitespaces) ?? ""
        guard !token.isEmpty, options.apiTokens.map({ $0.contains(token) }) ?? true else {
            state.withLock { $0.tally.refusedCredentials += 1 }
            return Self.failure(401, "unauthorized access", code: "unauthorized")
        }
        let fault = faults.nextRequestFault()
        state.withLock { state in
            state.tally.countRequest(with: fault)
        }
        switch fault {
        case .serverError:
            return Self.failure(503, "Service temporarily unavailable")
        case .throttled:
            return Self.failure(
                429, "Request over limit", code: "rate_limit",
                headers: ["Retry-After": String(faults.shares.retryAfterSeconds)])
        case .dropAfterIngest:
            return nil
        case .stallAfterIngest:
            Thread.sleep(forTimeInterval: faults.shares.stallSeconds)
            return answer(route, request)
        case .none:
            return answer(route, request)
        }
    }

    private func answer(_ route: Route, _ request: HTTPRequest) -> HTTPResponse {
        switch route {
        case .list(let resource): answer(resource, request)
        case .flow(let deal): flow(of: deal, request)
        case .merge(let person): merge(person, request)
        }
    }

    /// Pipedrive's error body: `success: false` and the error.
    static func failure(_ status: Int, _ message: String, code: String? = nil, headers: [String: String] = [:])
        -> HTTPResponse
    {
        var body: [String: Any] = ["success": false, "error": message, "errorCode": status]
        if let code { body["error_info"] = code }
        return EmulatorJSON.response(status, body, headers: headers)
    }

    func badRequest(_ message: String) -> HTTPResponse {
        state.withLock { $0.tally.badRequests += 1 }
        return Self.failure(400, message, code: "validation")
    }

    private func answer(_ resource: String, _ request: HTTPRequest) -> HTTPResponse {
        let query = EmulatorJSON.query(request.url)
        let limit: Int
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                return badRequest("limit must be an integer from 1 to \(Self.maximumLimit)")
            }
            limit = value
        } else {
            limit = 100
        }
        let cursor: PipedriveListCursor?
        if let text = query["cursor"] {
            guard let decoded = PipedriveListCursor(encoded: text) else { return badRequest("invalid cursor") }
            cursor = decoded
        } else {
            cursor = nil
        }
        var bounds: [String: Int64] = [:]
        for name in ["updated_since", "updated_until"] {
            guard let text = query[name] else { continue }
            guard let time = RFC3339.parse(text) else { return badRequest("\(name) must be an RFC 3339 time") }
            bounds[name] = time.millisecondsSinceEpoch
        }
        let since = bounds["updated_since"]
        let until = bounds["updated_until"]
        let sortByUpdate: Bool
        switch query["sort_by"] ?? "id" {
        case "id": sortByUpdate = false
        case "update_time": sortByUpdate = true
        default: return badRequest("sort_by must be id or update_time")
        }
        let isDescending: Bool
        switch (query["sort_direction"] ?? "asc").lowercased() {
        case "asc": isDescending = false
        case "desc": isDescending = true
        default: return badRequest("sort_direction must be asc or desc")
        }
        var dealPersons: Set<Int64>?
        if let text = query["deal_id"] {
            guard resource == "persons", let dealID = Int64(text) else {
                return badRequest("deal_id must be a deal's id, on persons")
            }
            dealPersons = state.withLock { state in
                state.tally.dealPersonRequests += 1
                return Set(state.dataset.deals.first { $0.id == dealID }?.personIDs ?? [])
            }
        }
        var statuses: Set<PipedriveDeal.Status> = [.open, .won, .lost]
        if let text = query["status"] {
            let parsed = text.split(separator: ",").map { PipedriveDeal.Status(rawValue: String($0)) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
                return badRequest("status must be open, won, lost or deleted")
            }
            statuses = Set(parsed.compactMap { $0 })
        }
        // Rows are filtered and sorted by key; only the page's rows are turned into JSON.
        let rows: [(key: PipedriveListCursor, json: () -> [String: Any])] = state.withLock { state in
            func inWindow(_ updated: Int64) -> Bool {
                (since.map { updated >= $0 } ?? true) && (until.map { updated < $0 } ?? true)
            }
            func key(_ id: Int64, _ updated: Int64) -> PipedriveListCursor {
                PipedriveListCursor(updateTime: sortByUpdate ? updated : nil, id: id)
            }
            switch resource {
            case "deals":
                return state.dataset.deals.filter { statuses.contains($0.status) && inWindow($0.updateTime) }.map {
                    deal in (key(deal.id, deal.updateTime), { deal.json() })
                }
            case "persons":
                return state.dataset.persons.filter { person in
                    inWindow(person.updateTime) && (dealPersons?.contains(person.id) ?? true)
                }.map {
                    person in (key(person.id, person.updateTime), { person.json() })
                }
            case "activities":
                return state.dataset.activities.filter { inWindow($0.updateTime) }.map {
                    activity in (key(activity.id, activity.updateTime), { activity.json() })
                }
            case "pipelines":
                return state.dataset.pipelines.enumerated().map { order, pipeline in
                    (
                        key(pipeline.id, 0),
                        {
                            [
                                "id": pipeline.id, "name": pipeline.name, "order_nr": order + 1, "is_deleted": false,
                                "is_deal_probability_enabled": true, "add_time": PipedriveDeal.wireTime(0),
                                "update_time": PipedriveDeal.wireTime(0),
                            ]
                        }
                    )
                }
            default:
                return state.dataset.stages.map { stage in
                    (
                        key(stage.id, 0),
                        {
                            [
                                "id": stage.id, "name": stage.name, "pipeline_id": stage.pipelineID,
                                "order_nr": stage.order, "deal_probability": stage.dealProbability, "is_deleted": false,
                                "is_deal_rot_enabled": false, "add_time": PipedriveDeal.wireTime(0),
                                "update_time": PipedriveDeal.wireTime(0),
                            ]
                        }
                    )
                }
            }
        }
        var ordered = rows.sorted { $0.key < $1.key }
        if isDescending { ordered.reverse() }
        if let cursor {
            ordered.removeAll { isDescending ? !($0.key < cursor) : !(cursor < $0.key) }
        }
        let page = ordered.prefix(limit)
        let next: Any = ordered.count > limit ? (page.last.map { $0.key.encoded() } ?? NSNull()) : NSNull()
        return EmulatorJSON.response(
            200, ["success": true, "data": page.map { $0.json() }, "additional_data": ["next_cursor": next]])
    }
}
