internal import Foundation
public import RevloopCore
public import RevloopHTTP
internal import Synchronization

/// HubSpot's CRM API on loopback (crms.md 1, checklist 1.12): deals list and search, batch read with
/// `propertiesWithHistory`, contacts search and batch read with the click-id properties, engagements
/// (meetings, calls, emails) by search, v4 deal-to-contact and engagement-to-contact associations, deal
/// pipelines, the OAuth refresh-token grant; in the `v3` and the `2026-03` path styles.
///
/// It answers 401 for an unknown token and 530 for a malformed one, 400 past the 10,000-result search cap,
/// 429s with HubSpot's body (`errorType`, `policyName`, `Retry-After` on some) over the emulated limits
/// (per 10 seconds, search per second, daily), and injects the faults of `SandboxFaults`: 429s, 5xx,
/// dropped connections and slow answers.
public final class HubSpotEmulator: Sendable {
    /// An OAuth app the token endpoint knows (the same registration the ad platforms' token endpoints take).
    public typealias OAuthClient = OAuthEmulator.Client

    /// Credentials and limits.
    public struct Options: Sendable {
        /// Private-app tokens accepted; `nil` accepts any well-formed token (as `revloop sandbox` does).
        public var accessTokens: Set<String>?
        public var oauthClients: [OAuthClient]
        /// Seconds an access token from the token endpoint lives (HubSpot: 30 minutes).
        public var tokenLifetimeSeconds: Int64
        /// Requests admitted in any 10 seconds (HubSpot private apps: 100 to 250); 0: no limit.
        public var requestsPerTenSeconds: Int
        /// Search requests admitted in any second (HubSpot: 5); 0: no limit.
        public var searchRequestsPerSecond: Int
        /// Requests admitted in all (the daily limit); 0: no limit.
        public var dailyRequests: Int
        /// Associations per deal in one page of a v4 batch read (more come with per-input `paging`).
        public var associationPageSize: Int

        public init(
            accessTokens: Set<String>? = nil, oauthClients: [OAuthClient] = [], tokenLifetimeSeconds: Int64 = 1_800,
            requestsPerTenSeconds: Int = 0, searchRequestsPerSecond: Int = 0, dailyRequests: Int = 0,
            associationPageSize: Int = 500
        ) {
            self.accessTokens = accessTokens
            self.oauthClients = oauthClients
            self.tokenLifetimeSeconds = tokenLifetimeSeconds
            self.requestsPerTenSeconds = requestsPerTenSeconds
            self.searchRequestsPerSecond = searchRequestsPerSecond
            self.dailyRequests = dailyRequests
            self.associationPageSize = associationPageSize
        }
    }

    private struct State {
        var dataset: HubSpotDataset
        var tally = HubSpotTally()
        /// Access tokens issued, with their expiry.
        var issued: [String: Timestamp] = [:]
        /// Admission times (monotonic ms) in the 10-second and search windows, and the day's count.
        var recent: [Int64] = []
        var recentSearches: [Int64] = []
        var today = 0
        var correlation = 0
    }

    public let faults: SandboxFaults
    public let options: Options
    private let clock: any WallClock
    private let state: Mutex<State>
    private let origin = ContinuousClock.now

    public init(
        dataset: HubSpotDataset, options: Options = Options(), faults: SandboxFaults = SandboxFaults(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.state = Mutex(State(dataset: dataset))
        self.options = options
        self.faults = faults
        self.clock = clock
    }

    /// What the emulator answered so far.
    public var tally: HubSpotTally { state.withLock { $0.tally } }

    /// Whether the path is HubSpot's (its paths do not collide with the ad platforms').
    public func handles(path: String) -> Bool { HubSpotRoute(path: path) != nil || path == "/_sandbox/hubspot" }

    /// Serves only this emulator on `port` (0: any free port).
    public func serve(port: UInt16 = 0) throws -> LoopbackServer {
        try LoopbackServer(port: port) { [self] request in handle(request) }
    }

    // MARK: Changes, as users make them in HubSpot

    /// Deletes (archives) a deal at `time`.
    public func archiveDeal(_ id: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let index = HubSpotDataset.index(of: id, in: state.dataset.deals) else { return }
            state.dataset.deals[index].archivedAt = time.millisecondsSinceEpoch
            state.dataset.deals[index].updatedAt = time.millisecondsSinceEpoch
        }
    }

    /// Merges deal `loser` into `survivor` at `time`: the survivor lists the loser in `hs_merged_object_ids`
    /// and takes its contacts; the loser is gone from list, search and batch read.
    public func mergeDeal(_ loser: Int64, into survivor: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let loserIndex = HubSpotDataset.index(of: loser, in: state.dataset.deals) else { return }
            state.dataset.deals.remove(at: loserIndex)
            guard let index = HubSpotDataset.index(of: survivor, in: state.dataset.deals) else { return }
            var record = state.dataset.deals[index]
            let merged = (record.properties["hs_merged_object_ids"].map { [$0] } ?? []) + [String(loser)]
            record.properties["hs_merged_object_ids"] = merged.joined(separator: ";")
            record.updatedAt = time.millisecondsSinceEpoch
            state.dataset.deals[index] = record
            let moved = state.dataset.associations.removeValue(forKey: loser) ?? []
            var contacts = state.dataset.associations[survivor] ?? []
            for contact in moved where !contacts.contains(contact) { contacts.append(contact) }
            state.dataset.associations[survivor] = contacts
        }
    }

    /// Merges contact `loser` into `survivor` at `time`: the survivor lists the loser in
    /// `hs_calculated_merged_vids`, the loser's deals point at the survivor, and the loser is gone.
    public func mergeContact(_ loser: Int64, into survivor: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let loserIndex = HubSpotDataset.index(of: loser, in: state.dataset.contacts) else { return }
            let loserRecord = state.dataset.contacts.remove(at: loserIndex)
            guard let index = HubSpotDataset.index(of: survivor, in: state.dataset.contacts) else { return }
            var record = state.dataset.contacts[index]
            let merged = (record.properties["hs_calculated_merged_vids"].map { [$0] } ?? []) + ["\(loser):\(time)"]
            record.properties["hs_calculated_merged_vids"] = merged.joined(separator: ";")
            for (name, value) in loserRecord.properties where record.properties[name] == nil {
                record.properties[name] = value
            }
            record.updatedAt = time.millisecondsSinceEpoch
            state.dataset.contacts[index] = record
            state.dataset.engagements.moveContacts(from: loser, to: survivor)
            for (deal, contacts) in state.dataset.associations where contacts.contains(loser) {
                var updated = contacts.filter { $0 != loser }
                if !updated.contains(survivor) { updated.append(survivor) }
                state.dataset.associations[deal] = updated
            }
        }
    }

    // MARK: Requests

    /// Answers one request; `nil` drops the connection without an answer.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.url.path
        if path == "/_sandbox/hubspot" {
            let body = (try? JSONEncoder().encode(tally)) ?? Data()
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
        }
        guard let route = HubSpotRoute(path: path) else {
            return HubSpotAPIError.notFound("No HubSpot API at \(path)").response(correlationID: correlationID())
        }
        if route == .token { return token(request) }
        let now = clock.now()
        switch authorize(request, now: now) {
        case .malformed:
            state.withLock { $0.tally.refusedCredentials += 1 }
            return HubSpotAPIError.malformedToken()
        case .refused:
            state.withLock { $0.tally.refusedCredentials += 1 }
            return HubSpotAPIError.unauthorized.response(correlationID: correlationID())
        case .accepted:
            break
        }
        if let throttled = admit(route) {
            state.withLock { $0.tally.throttled += 1 }
            return throttled.response(correlationID: correlationID())
        }
        let fault = faults.nextRequestFault()
        let counted = state.withLock { state -> Int in
            if route.isSearch { state.tally.searches += 1 }
            state.tally.countRequest(with: fault)
            return state.tally.requests
        }
        switch fault {
        case .serverError:
            return HubSpotAPIError.serverError.response(correlationID: correlationID())
        case .throttled:
            // Retry-After is optional in HubSpot's 429s: every other one carries it.
            let retryAfter = counted % 2 == 0 ? faults.shares.retryAfterSeconds : nil
            return HubSpotAPIError.rateLimited(policy: "TEN_SECONDLY_ROLLING", retryAfterSeconds: retryAfter)
                .response(correlationID: correlationID())
        case .dropAfterIngest:
            return nil
        case .stallAfterIngest:
            Thread.sleep(forTimeInterval: faults.shares.stallSeconds)
            return answer(route, request)
        case .none:
            return answer(route, request)
        }
    }

    private func answer(_ route: HubSpotRoute, _ request: HTTPRequest) -> HTTPResponse {
        let result: Result<HTTPResponse, HubSpotAPIError>
        switch route {
        case .list(let type): result = list(type, request)
        case .search(let type): result = search(type, request)
        case .batchRead(let type): result = batchRead(type, request)
        case .pipelines(let type): result = .success(pipelines(type))
        case .associationsBatchRead(let from, let to): result = associations(from: from, to: to, request)
        case .token: result = .success(token(request))
        }
        switch result {
        case .success(var response):
            rateLimitHeaders(&response)
            return response
        case .failure(let error):
            if error.status == 400 { state.withLock { $0.tally.badRequests += 1 } }
            return error.response(correlationID: correlationID())
        }
    }

    private func correlationID() -> String {
        let number = state.withLock { state -> Int in
            state.correlation += 1
            return state.correlation
        }
        return String(format: "00000000-0000-4000-8000-%012d", number)
    }

    private enum Authorization { case accepted, refused, malformed }

    private func authorize(_ request: HTTPRequest, now: Timestamp) -> Authorization {
        guard let token = EmulatorJSON.bearer(request) else { return .refused }
        let wellFormed = token.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard wellFormed else { return .malformed }
        if token.hasPrefix("hs-oauth-") {
            return state.withLock { $0.issued[token].map { $0 > now } ?? false } ? .accepted : .refused
        }
        guard let accepted = options.accessTokens else { return .accepted }
        return accepted.contains(token) ? .accepted : .refused
    }

    private func milliseconds() -> Int64 {
        let elapsed = ContinuousClock.now - origin
        return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    /// Counts a request against the emulated limits; the 429 to answer when it is over one.
    private func admit(_ route: HubSpotRoute) -> HubSpotAPIError? {
        let now = milliseconds()
        return state.withLock { state -> HubSpotAPIError? in
            if options.dailyRequests > 0 {
                guard state.today < options.dailyRequests else {
                    return .rateLimited(policy: "DAILY", retryAfterSeconds: nil)
                }
            }
            if options.requestsPerTenSeconds > 0 {
                state.recent.removeAll { now - $0 >= 10_000 }
                if state.recent.count >= options.requestsPerTenSeconds {
                    let wait = 10_000 - (now - (state.recent.first ?? now))
                    return .rateLimited(policy: "TEN_SECONDLY_ROLLING", retryAfterSeconds: Int((wait + 999) / 1_000))
                }
            }
            if route.isSearch, options.searchRequestsPerSecond > 0 {
                state.recentSearches.removeAll { now - $0 >= 1_000 }
                if state.recentSearches.count >= options.searchRequestsPerSecond {
                    return .rateLimited(policy: "SECONDLY", retryAfterSeconds: 1)
                }
                state.recentSearches.append(now)
            }
            if options.requestsPerTenSeconds > 0 { state.recent.append(now) }
            state.today += 1
            return nil
        }
    }

    private func rateLimitHeaders(_ response: inout HTTPResponse) {
        let (recent, today) = state.withLock { ($0.recent.count, $0.today) }
        if options.requestsPerTenSeconds > 0 {
            response.headers["x-hubspot-ratelimit-interval-milliseconds"] = "10000"
            response.headers["x-hubspot-ratelimit-max"] = String(options.requestsPerTenSeconds)
            response.headers["x-hubspot-ratelimit-remaining"] = String(max(0, options.requestsPerTenSeconds - recent))
        }
        if options.dailyRequests > 0 {
            response.headers["x-hubspot-ratelimit-daily"] = String(options.dailyRequests)
            response.headers["x-hubspot-ratelimit-daily-remaining"] = String(max(0, options.dailyRequests - today))
        }
    }

    // MARK: Endpoints

    private func records(_ type: String, _ state: State) -> [HubSpotRecord]? {
        switch type {
        case "deals", "0-3": state.dataset.deals
        case "contacts", "0-1": state.dataset.contacts
        default: state.dataset.engagements.records(type)
        }
    }

    /// `GET /crm/v3/objects/{type}`: `limit` up to 100 (50 with `propertiesWithHistory`), `after` the next
    /// id, `properties` and `propertiesWithHistory` repeated or comma-separated, `archived`, `associations`.
    private func list(_ type: String, _ request: HTTPRequest) -> Result<HTTPResponse, HubSpotAPIError> {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func values(_ name: String) -> [String]? {
            let found = items.filter { $0.name == name }.flatMap {
                ($0.value ?? "").split(separator: ",").map(String.init)
            }
            return found.isEmpty ? nil : found
        }
        let history = values("propertiesWithHistory") ?? []
        let maximum = history.isEmpty ? 100 : 50
        let limit = values("limit")?.first.flatMap { Int($0) } ?? 10
        guard (1...maximum).contains(limit) else {
            return .failure(.validation("limit must be between 1 and \(maximum)"))
        }
        let after = values("after")?.first.flatMap { Int64($0) } ?? 0
        let archived = values("archived")?.first?.lowercased() == "true"
        let wantsContacts = values("associations")?.contains("contacts") ?? false
        return state.withLock { state -> Result<HTTPResponse, HubSpotAPIError> in
            guard let all = records(type, state) else { return .failure(.notFound("Unknown object type \(type)")) }
            var results: [[String: Any]] = []
            var next: Int64?
            var index = HubSpotDataset.firstIndex(atLeast: after, in: all)
            while index < all.count {
                let record = all[index]
                index += 1
                guard (record.archivedAt != nil) == archived else { continue }
                if results.count == limit {
                    next = record.id
                    break
                }
                var associations: [String: Any]?
                if wantsContacts, type == "deals" || type == "0-3" {
                    let contacts = state.dataset.associations[record.id] ?? []
                    associations = [
                        "contacts": [
                            "results": contacts.map { ["id": String($0), "type": "deal_to_contact"] }
                        ]
                    ]
                }
                results.append(
                    record.json(requested: values("properties"), withHistory: history, associations: associations))
            }
            var body: [String: Any] = ["results": results]
            if let next {
                body["paging"] = ["next": ["after": String(next), "link": "\(request.url.path)?after=\(next)"]]
            }
            return .success(EmulatorJSON.response(200, body))
        }
    }

    /// `POST /crm/v3/objects/{type}/search`.
    private func search(_ type: String, _ request: HTTPRequest) -> Result<HTTPResponse, HubSpotAPIError> {
        let query: HubSpotSearchQuery
        switch HubSpotSearchQuery.parse(request.body) {
        case .success(let parsed): query = parsed
        case .failure(let error): return .failure(error)
        }
        return state.withLock { state -> Result<HTTPResponse, HubSpotAPIError> in
            guard let all = records(type, state) else { return .failure(.notFound("Unknown object type \(type)")) }
            let (total, page) = query.run(on: all)
            var body: [String: Any] = [
                "total": total, "results": page.map { $0.json(requested: query.properties ?? []) },
            ]
            let next = query.after + query.limit
            if next < total {
                body["paging"] = ["next": ["after": String(next), "link": "?after=\(next)"]]
            }
            return .success(EmulatorJSON.response(200, body))
        }
    }

    /// `POST /crm/v3/objects/{type}/batch/read`: up to 100 ids; missing or archived ones answered 207 with
    /// `numErrors` and `errors`.
    private func batchRead(_ type: String, _ request: HTTPRequest) -> Result<HTTPResponse, HubSpotAPIError> {
        guard let object = EmulatorJSON.object(request.body), let inputs = object["inputs"] as? [[String: Any]] else {
            return .failure(.validation("Invalid input JSON: 'inputs' is required"))
        }
        guard inputs.count <= 100 else {
            return .failure(.validation("Too many inputs (\(inputs.count)); a batch read takes at most 100"))
        }
        let properties = object["properties"] as? [String] ?? []
        let history = object["propertiesWithHistory"] as? [String] ?? []
        let stamp = HubSpotRecord.wireTime(clock.now().millisecondsSinceEpoch)
        return state.withLock { state -> Result<HTTPResponse, HubSpotAPIError> in
            guard let all = records(type, state) else { return .failure(.notFound("Unknown object type \(type)")) }
            var results: [[String: Any]] = []
            var missing: [String] = []
            for input in inputs {
                let text = (input["id"] as? String) ?? EmulatorJSON.numberText(input["id"]) ?? ""
                guard let id = Int64(text), let index = HubSpotDataset.index(of: id, in: all),
                    all[index].archivedAt == nil
                else {
                    missing.append(text)
                    continue
                }
                results.append(all[index].json(requested: properties, withHistory: history))
            }
            var body: [String: Any] = [
                "status": "COMPLETE", "results": results, "startedAt": stamp, "completedAt": stamp,
            ]
            guard missing.isEmpty else {
                body["numErrors"] = 1
                body["errors"] = [
                    [
                        "status": "error", "category": "OBJECT_NOT_FOUND",
                        "message": "Could not get some \(type) objects, they may be deleted or not exist.",
                        "context": ["ids": missing],
                    ]
                ]
                return .success(EmulatorJSON.response(207, body))
            }
            return .success(EmulatorJSON.response(200, body))
        }
    }

    /// `GET /crm/v3/pipelines/deals`: stage metadata as strings (`isClosed`, `probability`).
    private func pipelines(_ type: String) -> HTTPResponse {
        let pipelines = state.withLock { $0.dataset.pipelines }
        let epoch = HubSpotRecord.wireTime(0)
        let results: [[String: Any]] = (type == "deals" || type == "0-3" ? pipelines : []).enumerated().map {
            order, pipeline in
            [
                "id": pipeline.id.rawValue, "label": pipeline.label, "displayOrder": order, "archived": false,
                "createdAt": epoch, "updatedAt": epoch,
                "stages": pipeline.stages.enumerated().map { stageOrder, stage -> [String: Any] in
                    [
                        "id": stage.id.rawValue, "label": stage.label, "displayOrder": stageOrder, "archived": false,
                        "createdAt": epoch, "updatedAt": epoch, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT",
                        "metadata": [
                            "isClosed": stage.isClosed ? "true" : "false", "probability": String(stage.winProbability),
                        ],
                    ]
                },
            ]
        }
        return EmulatorJSON.response(200, ["results": results])
    }

    /// `POST /crm/v4/associations/deals/contacts/batch/read`: up to 1,000 inputs, each answered with a
    /// page of its associations (`toObjectId` a JSON number) and its own `paging` when it has more.
    private func associations(from: String, to: String, _ request: HTTPRequest) -> Result<
        HTTPResponse, HubSpotAPIError
    > {
        guard let object = EmulatorJSON.object(request.body), let inputs = object["inputs"] as? [[String: Any]] else {
            return .failure(.validation("Invalid input JSON: 'inputs' is required"))
        }
        guard inputs.count <= 1_000 else {
            return .failure(.validation("Too many inputs (\(inputs.count)); the limit is 1000"))
        }
        let isFromEngagements = HubSpotEngagements.typeName(from) != nil
        let typeID = HubSpotEngagements.typeName(from).flatMap { HubSpotEngagements.contactAssociationTypeIDs[$0] } ?? 3
        guard ["deals", "0-3"].contains(from) || isFromEngagements, ["contacts", "0-1"].contains(to) else {
            return .failure(.validation("The emulator serves deal- and engagement-to-contact associations only"))
        }
        let pageSize = max(1, options.associationPageSize)
        let stamp = HubSpotRecord.wireTime(clock.now().millisecondsSinceEpoch)
        return state.withLock { state -> Result<HTTPResponse, HubSpotAPIError> in
            var results: [[String: Any]] = []
            for input in inputs {
                let text = (input["id"] as? String) ?? EmulatorJSON.numberText(input["id"]) ?? ""
                let links = isFromEngagements ? state.dataset.engagements.contacts : state.dataset.associations
                guard let id = Int64(text), let contacts = links[id], !contacts.isEmpty else {
                    continue
                }
                let start = (input["after"] as? String).flatMap { Int($0) } ?? 0
                let page = contacts.dropFirst(start).prefix(pageSize)
                var result: [String: Any] = [
                    "from": ["id": text],
                    "to": page.enumerated().map { offset, contact -> [String: Any] in
                        var types: [[String: Any]] = [
                            ["category": "HUBSPOT_DEFINED", "typeId": typeID, "label": NSNull()]
                        ]
                        if start + offset == 0, !isFromEngagements {
                            types.append(["category": "USER_DEFINED", "typeId": 9, "label": "Primary"])
                        }
                        return ["toObjectId": contact, "associationTypes": types]
                    },
                ]
                if start + pageSize < contacts.count {
                    result["paging"] = ["next": ["after": String(start + pageSize)]]
                }
                results.append(result)
            }
            return .success(
                EmulatorJSON.response(
                    200, ["status": "COMPLETE", "results": results, "startedAt": stamp, "completedAt": stamp]))
        }
    }

    /// `POST /oauth/v1/token` (and `/oauth/2026-03/token`): the refresh-token grant, form-encoded.
    private func token(_ request: HTTPRequest) -> HTTPResponse {
        let form = Self.form(request.body)
        guard form["grant_type"] == "refresh_token",
            options.oauthClients.contains(where: {
                $0.id == form["client_id"] && $0.secret == form["client_secret"]
                    && $0.refreshToken == form["refresh_token"]
            })
        else {
            return EmulatorJSON.response(
                400, ["status": "BAD_REFRESH_TOKEN", "message": "missing or unknown refresh token"])
        }
        let expiry = clock.now().adding(milliseconds: options.tokenLifetimeSeconds * 1_000)
        let token = state.withLock { state -> String in
            state.tally.tokensGranted += 1
            let token = "hs-oauth-\(state.tally.tokensGranted)"
            state.issued[token] = expiry
            return token
        }
        return EmulatorJSON.response(
            200,
            [
                "token_type": "bearer", "access_token": token, "refresh_token": form["refresh_token"] ?? "",
                "expires_in": options.tokenLifetimeSeconds,
            ])
    }

    /// Expires every access token the token endpoint issued (half an hour passing).
    public func expireIssuedTokens() { state.withLock { $0.issued = [:] } }

    private static func form(_ body: Data?) -> [String: String] {
        let text = String(decoding: body ?? Data(), as: UTF8.self)
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        return form
    }
}
