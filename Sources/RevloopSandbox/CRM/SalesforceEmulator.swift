internal import Foundation
public import RevloopCore
public import RevloopHTTP
internal import RevloopIdentity
internal import Synchronization

/// Salesforce's REST API on loopback (crms.md 2, checklist 2.9): the OAuth token endpoint (refresh-token
/// grant and the JWT bearer flow, RS256 verified with the connected app's registered key) answering an
/// `instance_url` that points back here; `GET /services/data/vNN.N/query` and `queryAll` with a SOQL subset
/// (`SOQLQuery`), `Sforce-Query-Options: batchSize` and `nextRecordsUrl` cursors over a snapshot of the
/// answer, `attributes` on every record, `totalSize` counting every match, `Sforce-Limit-Info` on every answer.
///
/// Deleted and merged rows (`IsDeleted`, `MasterRecordId`) come through `queryAll` only. A single-currency
/// org (`Options.isMultiCurrency` off) has no `CurrencyIsoCode`: naming it is a 400 `INVALID_FIELD`, as in
/// Salesforce. Errors are Salesforce's JSON arrays: 401 `INVALID_SESSION_ID` for an unknown or expired
/// session, 403 `REQUEST_LIMIT_EXCEEDED` past the emulated daily limit and for the injected throttling of
/// `SandboxFaults` (Salesforce throttles with 403, not 429, and sends no `Retry-After`), 503 for injected
/// server errors; dropped connections and slow answers too.
public final class SalesforceEmulator: Sendable {
    /// A connected app with a refresh token the token endpoint honours.
    public struct RefreshClient: Hashable, Sendable {
        public var clientID: String
        public var clientSecret: String
        public var refreshToken: String

        public init(clientID: String, clientSecret: String, refreshToken: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.refreshToken = refreshToken
        }
    }

    /// A connected app for the JWT bearer flow: its consumer key, the certificate's public key (PEM) its
    /// assertions are verified with, and the users it was pre-approved for.
    public struct JWTClient: Hashable, Sendable {
        public var consumerKey: String
        public var publicKeyPEM: String
        public var usernames: Set<String>

        public init(consumerKey: String, publicKeyPEM: String, usernames: Set<String>) {
            self.consumerKey = consumerKey
            self.publicKeyPEM = publicKeyPEM
            self.usernames = usernames
        }
    }

    /// The org's settings, credentials and limits.
    public struct Options: Sendable {
        public var refreshClients: [RefreshClient]
        public var jwtClients: [JWTClient]
        /// Sessions accepted besides the ones the token endpoint issued; `nil` accepts any bearer token (as
        /// `revloop sandbox` does, for clients given a session id directly).
        public var accessTokens: Set<String>?
        /// Seconds an issued session lives (Salesforce: the org's session timeout).
        public var sessionLifetimeSeconds: Int64
        /// Whether a refresh answer carries a new refresh token that replaces the old one.
        public var rotatesRefreshTokens: Bool
        /// Multi-currency org (`CurrencyIsoCode` on opportunities) or single-currency.
        public var isMultiCurrency: Bool
        /// The smallest `batchSize` honoured (Salesforce: 200; tests lower it to page small datasets).
        public var minimumBatchSize: Int
        /// API requests admitted in all (the rolling 24-hour allocation); 0: no limit.
        public var dailyRequests: Int
        /// Polls of a Bulk API 2.0 query job answered `InProgress` before it is `JobComplete`.
        public var bulkJobPolls: Int
        /// A REST query matching more rows than this is stopped with 400 `QUERY_TIMEOUT` (a large window on a
        /// busy org); 0: never.
        public var queryTimeoutAbove: Int

        public init(
            refreshClients: [RefreshClient] = [], jwtClients: [JWTClient] = [], accessTokens: Set<String>? = nil,
            sessionLifetimeSeconds: Int64 = 7_200, rotatesRefreshTokens: Bool = false, isMultiCurrency: Bool = true,
            minimumBatchSize: Int = 200, dailyRequests: Int = 0, bulkJobPolls: Int = 2, queryTimeoutAbove: Int = 0
        ) {
            self.refreshClients = refreshClients
            self.jwtClients = jwtClients
            self.accessTokens = accessTokens
            self.sessionLifetimeSeconds = sessionLifetimeSeconds
            self.rotatesRefreshTokens = rotatesRefreshTokens
            self.isMultiCurrency = isMultiCurrency
            self.minimumBatchSize = minimumBatchSize
            self.dailyRequests = dailyRequests
            self.bulkJobPolls = bulkJobPolls
            self.queryTimeoutAbove = queryTimeoutAbove
        }
    }

    /// The audiences a JWT bearer assertion may name (production, sandbox), besides the emulator's own URL.
    public static let loginAudiences: Set<String> = ["https://login.salesforce.com", "https://test.salesforce.com"]
    /// The daily allocation `Sforce-Limit-Info` reports when no limit is emulated.
    static let reportedAllocation = 15_000

    fileprivate struct QueryCursor {
        var rows: [String]
        var version: String
        /// Rows a page holds (the batch size the query started with).
        var batch: Int
    }

    fileprivate struct State {
        var dataset: SalesforceDataset
        var tally = SalesforceTally()
        /// Sessions issued, with their expiry.
        var sessions: [String: Timestamp] = [:]
        /// Refresh tokens in force after rotation, by client id.
        var rotated: [String: String] = [:]
        var cursors: [String: QueryCursor] = [:]
        var cursorCount = 0
        var today = 0
    }

    public let faults: SandboxFaults
    public let options: Options
    private let clock: any WallClock
    private let state: Mutex<State>
    private let bulk: SalesforceBulkJobs

    public init(
        dataset: SalesforceDataset, options: Options = Options(), faults: SandboxFaults = SandboxFaults(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.state = Mutex(State(dataset: dataset))
        self.bulk = SalesforceBulkJobs(pollsUntilComplete: options.bulkJobPolls)
        self.options = options
        self.faults = faults
        self.clock = clock
    }

    /// What the emulator answered so far.
    public var tally: SalesforceTally { state.withLock { $0.tally } }

    /// Whether the path is Salesforce's (`/services/...` collides with no ad platform's).
    public func handles(path: String) -> Bool { path.hasPrefix("/services/") || path == "/_sandbox/salesforce" }

    /// Serves only this emulator on `port` (0: any free port).
    public func serve(port: UInt16 = 0) throws -> LoopbackServer {
        try LoopbackServer(port: port) { [self] request in handle(request) }
    }

    /// Expires every session issued (the org's session timeout passing, or an admin revoking them).
    public func expireSessions() { state.withLock { $0.sessions = [:] } }

    // MARK: Changes, as users make them in Salesforce

    /// Deletes an opportunity at `time`: it and its history and contact roles go to the recycle bin.
    public func deleteOpportunity(_ id: String, at time: Timestamp) {
        state.withLock { state in
            let stamp = SalesforceValue.dateTime(time.millisecondsSinceEpoch)
            state.change("Opportunity", id) {
                $0.fields["IsDeleted"] = .boolean(true)
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
            for type in ["OpportunityHistory", "OpportunityContactRole"] {
                state.changeAll(type, where: { $0.value("OpportunityId") == .string(id) }) {
                    $0.fields["IsDeleted"] = .boolean(true)
                    $0.fields["SystemModstamp"] = stamp
                }
            }
        }
    }

    /// Sets fields of a row of `type` at `time` (a click id landing on a lead, say).
    public func update(_ type: String, _ id: String, fields: [String: SalesforceValue], at time: Timestamp) {
        state.withLock { state in
            let stamp = SalesforceValue.dateTime(time.millisecondsSinceEpoch)
            state.change(type, id) {
                for (field, value) in fields { $0.fields[field] = value }
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
        }
    }

    /// Deletes a contact at `time`: it and its contact roles go to the recycle bin.
    public func deleteContact(_ id: String, at time: Timestamp) {
        state.withLock { state in
            let stamp = SalesforceValue.dateTime(time.millisecondsSinceEpoch)
            state.change("Contact", id) {
                $0.fields["IsDeleted"] = .boolean(true)
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
            state.changeAll("OpportunityContactRole", where: { $0.value("ContactId") == .string(id) }) {
                $0.fields["IsDeleted"] = .boolean(true)
                $0.fields["SystemModstamp"] = stamp
            }
        }
    }

    /// Merges contact `loser` into `survivor` at `time`, as Salesforce does: the loser is deleted with
    /// `MasterRecordId` set to the survivor, and its contact roles and opportunities move to the survivor.
    public func mergeContact(_ loser: String, into survivor: String, at time: Timestamp) {
        state.withLock { state in
            let stamp = SalesforceValue.dateTime(time.millisecondsSinceEpoch)
            state.change("Contact", loser) {
                $0.fields["IsDeleted"] = .boolean(true)
                $0.fields["MasterRecordId"] = .string(survivor)
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
            state.change("Contact", survivor) {
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
            state.changeAll("OpportunityContactRole", where: { $0.value("ContactId") == .string(loser) }) {
                $0.fields["ContactId"] = .string(survivor)
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
            }
            state.changeAll("Opportunity", where: { $0.value("ContactId") == .string(loser) }) {
                $0.fields["ContactId"] = .string(survivor)
                $0.fields["SystemModstamp"] = stamp
            }
        }
    }

    /// Changes an opportunity's stage and amount at `time`; an `OpportunityHistory` row is written, as
    /// Salesforce writes one whenever the stage, amount, probability or close date changes.
    public func updateOpportunity(_ id: String, stage: String? = nil, amount: String? = nil, at time: Timestamp) {
        state.withLock { state in
            let stamp = SalesforceValue.dateTime(time.millisecondsSinceEpoch)
            var updated: SalesforceRecord?
            state.change("Opportunity", id) {
                if let stage { $0.fields["StageName"] = .string(stage) }
                if let amount { $0.fields["Amount"] = .number(amount) }
                $0.fields["SystemModstamp"] = stamp
                $0.fields["LastModifiedDate"] = stamp
                updated = $0
            }
            guard let updated else { return }
            let number = Int64((state.dataset.objects["OpportunityHistory"]?.count ?? 0) + 1)
            var fields: [String: SalesforceValue] = [
                "OpportunityId": .string(id), "CreatedDate": stamp, "SystemModstamp": stamp,
                "IsDeleted": .boolean(false),
            ]
            for field in ["StageName", "Amount", "CloseDate", "Probability", "CurrencyIsoCode"] {
                fields[field] = updated.value(field)
            }
            // Ids grow with the row count, so the new row sorts last.
            state.dataset.objects["OpportunityHistory", default: []].append(
                SalesforceRecord(
                    id: SalesforceDataset.id(
                        prefix: SalesforceSampleDataset.historyPrefix, number: 900_000_000 + number),
                    fields: fields))
        }
    }

    // MARK: Requests

    /// Answers one request; `nil` drops the connection without an answer.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.url.path
        if path == "/_sandbox/salesforce" {
            let body = (try? JSONEncoder().encode(tally)) ?? Data()
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
        }
        if path == "/services/oauth2/token" { return token(request) }
        let now = clock.now()
        guard authorize(request, now: now) else {
            state.withLock { $0.tally.refusedSessions += 1 }
            return SalesforceAPIError.invalidSession.response()
        }
        let overLimit = state.withLock { state -> Bool in
            if options.dailyRequests > 0, state.today >= options.dailyRequests { return true }
            state.today += 1
            return false
        }
        if overLimit {
            state.withLock { $0.tally.throttled += 1 }
            return SalesforceAPIError.requestLimitExceeded.response(headers: limitHeaders())
        }
        let fault = faults.nextRequestFault()
        state.withLock { state in
            state.tally.countRequest(with: fault)
        }
        switch fault {
        case .serverError: return SalesforceAPIError.serverUnavailable.response()
        case .throttled: return SalesforceAPIError.concurrentLimitExceeded.response(headers: limitHeaders())
        case .dropAfterIngest: return nil
        case .stallAfterIngest:
            Thread.sleep(forTimeInterval: faults.shares.stallSeconds)
            return answer(request)
        case .none: return answer(request)
        }
    }

    private func limitHeaders() -> [String: String] {
        let used = state.withLock { $0.today }
        let total = options.dailyRequests > 0 ? options.dailyRequests : Self.reportedAllocation
        return ["Sforce-Limit-Info": "api-usage=\(used)/\(total)"]
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let parts = request.url.path.split(separator: "/").map(String.init)
        if parts.count >= 5, parts[0] == "services", parts[1] == "data", parts[3] == "jobs", parts[4] == "query",
            parts[2].hasPrefix("v")
        {
            var response = bulkAnswer(request, parts: parts, version: String(parts[2].dropFirst()))
            for (name, value) in limitHeaders() { response.headers[name.lowercased()] = value }
            return response
        }
        // services / data / vNN.N / query|queryAll [/ locator-offset]
        guard parts.count >= 4, parts.count <= 5, parts[0] == "services", parts[1] == "data",
            parts[2].hasPrefix("v"), Double(parts[2].dropFirst()) != nil,
            parts[3] == "query" || parts[3] == "queryAll"
        else {
            return SalesforceAPIError.notFound("The requested resource does not exist").response(
                headers: limitHeaders())
        }
        let version = String(parts[2].dropFirst())
        let result: Result<String, SalesforceAPIError>
        if parts.count == 5 {
            result = page(parts[4])
        } else {
            let text = Self.formParameter("q", in: request.url) ?? ""
            result = query(
                text, includeDeleted: parts[3] == "queryAll", version: version,
                batchSize: Self.batchSize(request.headers["sforce-query-options"]))
        }
        switch result {
        case .success(let body):
            var headers = limitHeaders()
            headers["content-type"] = "application/json;charset=UTF-8"
            return HTTPResponse(status: 200, headers: headers, body: Data(body.utf8))
        case .failure(let error):
            if error.status == 400 { state.withLock { $0.tally.badRequests += 1 } }
            return error.response(headers: limitHeaders())
        }
    }

    /// A query-string parameter decoded as a form value: `+` is a space (Python's `requests` encodes spaces so).
    static func formParameter(_ name: String, in url: URL) -> String? {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems ?? []
        guard let raw = items.first(where: { $0.name == name })?.value else { return nil }
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `batchSize=N` from `Sforce-Query-Options`.
    static func batchSize(_ header: String?) -> Int? {
        guard let header else { return nil }
        for option in header.split(separator: ",") {
            let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "batchsize" { return Int(pair[1]) }
        }
        return nil
    }

    /// Runs a query and answers its first batch, keeping the rest behind a `nextRecordsUrl` cursor.
    private func query(_ text: String, includeDeleted: Bool, version: String, batchSize: Int?) -> Result<
        String, SalesforceAPIError
    > {
        let batch = min(2_000, max(options.minimumBatchSize, batchSize ?? 2_000))
        return state.withLock { state -> Result<String, SalesforceAPIError> in
            switch evaluate(text, includeDeleted: includeDeleted, &state) {
            case .failure(let error): return .failure(error)
            case .success(let (query, matches)):
                if options.queryTimeoutAbove > 0, matches.count > options.queryTimeoutAbove {
                    state.tally.queryTimeouts += 1
                    return .failure(.queryTimeout)
                }
                let rows = matches.map { $0.json(type: query.object, fields: query.fields, version: version) }
                state.cursorCount += 1
                let locator = String(format: "01gSB%010dAAA", state.cursorCount)
                return .success(
                    Self.body(rows: rows, from: 0, batch: batch, locator: locator, version: version, &state))
            }
        }
    }

    /// A query parsed, checked against the org's fields (and its currency setting) and run.
    private func evaluate(_ text: String, includeDeleted: Bool, _ state: inout State) -> Result<
        (SOQLQuery, [SalesforceRecord]), SalesforceAPIError
    > {
        let query: SOQLQuery
        switch SOQLQuery.parse(text) {
        case .success(let parsed): query = parsed
        case .failure(let error): return .failure(error)
        }
        guard var fields = state.dataset.schema[query.object], let records = state.dataset.objects[query.object]
        else { return .failure(.invalidType(query.object)) }
        if !options.isMultiCurrency { fields.remove("CurrencyIsoCode") }
        for field in query.namedFields where !fields.contains(field) {
            return .failure(.invalidField(field, object: query.object))
        }
        if let problem = Self.mistypedFilter(query.condition, records: records) {
            return .failure(.invalidFilter(problem))
        }
        state.tally.queries += 1
        return .success((query, query.run(on: records, includeDeleted: includeDeleted)))
    }

    /// `/services/data/vNN.N/jobs/query[/{id}[/results]]`: Bulk API 2.0 query jobs.
    private func bulkAnswer(_ request: HTTPRequest, parts: [String], version: String) -> HTTPResponse {
        switch (request.method, parts.count) {
        case ("POST", 5):
            guard let body = EmulatorJSON.object(request.body), let text = body["query"] as? String,
                let operation = body["operation"] as? String, operation == "query" || operation == "queryAll"
            else {
                return SalesforceAPIError(
                    status: 400, errorCode: "INVALIDJOB",
                    message: "a query job needs 'operation' (query or queryAll) and 'query'"
                ).response()
            }
            let now = clock.now()
            let result = state.withLock { evaluate(text, includeDeleted: operation == "queryAll", &$0) }
            switch result {
            case .failure(let error):
                if error.status == 400 { state.withLock { $0.tally.badRequests += 1 } }
                return error.response()
            case .success(let (query, matches)):
                state.withLock { $0.tally.bulkJobs += 1 }
                return bulk.create(operation: operation, query: query, records: matches, version: version, now: now)
            }
        case ("GET", 6): return bulk.info(parts[5])
        case ("DELETE", 6): return bulk.delete(parts[5])
        case ("GET", 7) where parts[6] == "results":
            let items = EmulatorJSON.query(request.url)
            return bulk.results(
                parts[5], locator: items["locator"], maxRecords: items["maxRecords"].flatMap { Int($0) },
                version: version)
        default:
            return SalesforceAPIError.notFound("The requested resource does not exist").response()
        }
    }

    /// The first literal compared with a field of another type (a date-time literal with a date field).
    private static func mistypedFilter(_ condition: SOQLQuery.Condition?, records: [SalesforceRecord]) -> String? {
        guard let condition else { return nil }
        switch condition {
        case .comparison(let field, _, let literal):
            guard let sample = records.lazy.map({ $0.value(field) }).first(where: { $0 != .null }) else { return nil }
            return SOQLQuery.literalFits(literal, field: sample) ? nil : field
        case .membership: return nil
        case .all(let parts), .any(let parts):
            return parts.lazy.compactMap { mistypedFilter($0, records: records) }.first
        case .not(let inner): return mistypedFilter(inner, records: records)
        }
    }

    /// A page of a query's rows; the cursor is kept while rows remain (`done: false` with `nextRecordsUrl`).
    private static func body(
        rows: [String], from offset: Int, batch: Int, locator: String, version: String, _ state: inout State
    ) -> String {
        let end = min(rows.count, offset + batch)
        var body = "{\"totalSize\":\(rows.count),\"done\":\(end >= rows.count)"
        if end < rows.count {
            state.cursors[locator] = QueryCursor(rows: rows, version: version, batch: batch)
            // Salesforce's cursor URLs read `/query/` whichever endpoint started the query (crms.md 5.3).
            body += ",\"nextRecordsUrl\":\"/services/data/v\(version)/query/\(locator)-\(end)\""
        } else {
            state.cursors[locator] = nil
        }
        body += ",\"records\":[" + rows[offset..<end].joined(separator: ",") + "]}"
        return body
    }

    /// A `nextRecordsUrl` page: `01g...-2000` is the cursor and the offset of its next row; pages keep the
    /// batch size the query started with.
    private func page(_ reference: String) -> Result<String, SalesforceAPIError> {
        let pieces = reference.split(separator: "-")
        guard pieces.count == 2, let offset = Int(pieces[1]) else {
            return .failure(.malformedQuery("invalid query locator"))
        }
        let locator = String(pieces[0])
        return state.withLock { state -> Result<String, SalesforceAPIError> in
            guard let cursor = state.cursors[locator], offset <= cursor.rows.count else {
                return .failure(
                    SalesforceAPIError(
                        status: 400, errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator"))
            }
            state.tally.followedPages += 1
            return .success(
                Self.body(
                    rows: cursor.rows, from: offset, batch: cursor.batch, locator: locator, version: cursor.version,
                    &state)
            )
        }
    }

    // MARK: Sessions and tokens

    private func authorize(_ request: HTTPRequest, now: Timestamp) -> Bool {
        guard let token = EmulatorJSON.bearer(request) else { return false }
        if token.hasPrefix(Self.sessionPrefix) {
            return state.withLock { $0.sessions[token].map { $0 > now } ?? false }
        }
        return options.accessTokens?.contains(token) ?? true
    }

    /// Issued sessions look like Salesforce's (`<org id>!<token>`).
    static let sessionPrefix = "00DSB0000000001AAA!"

    /// `POST /services/oauth2/token`: the refresh-token grant and the JWT bearer flow, form-encoded.
    private func token(_ request: HTTPRequest) -> HTTPResponse {
        let form = OAuthEmulator.form(request.body)
        let now = clock.now()
        var rotated: String?
        switch form["grant_type"] {
        case "refresh_token":
            guard let client = options.refreshClients.first(where: { $0.clientID == form["client_id"] }) else {
                return refused(400, "invalid_client_id", "client identifier invalid")
            }
            if let secret = form["client_secret"], secret != client.clientSecret {
                return refused(400, "invalid_client", "invalid client credentials")
            }
            let current = state.withLock { $0.rotated[client.clientID] } ?? client.refreshToken
            guard form["refresh_token"] == current else {
                return refused(400, "invalid_grant", "expired access/refresh token")
            }
            if options.rotatesRefreshTokens {
                let next = state.withLock { state -> String in
                    let next = "\(client.refreshToken)-rotated-\(state.tally.refreshGrants + 1)"
                    state.rotated[client.clientID] = next
                    return next
                }
                rotated = next
            }
            state.withLock { $0.tally.refreshGrants += 1 }
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            if let problem = assertionProblem(form["assertion"] ?? "", request: request, now: now) {
                return refused(400, "invalid_grant", problem)
            }
            state.withLock { $0.tally.jwtGrants += 1 }
        default:
            return refused(400, "unsupported_grant_type", "grant type not supported")
        }
        let session = state.withLock { state -> String in
            let session = Self.sessionPrefix + "sbx\(state.tally.refreshGrants + state.tally.jwtGrants)"
            state.sessions[session] = now.adding(milliseconds: options.sessionLifetimeSeconds * 1_000)
            return session
        }
        let instance = Self.instanceURL(request)
        var body: [String: Any] = [
            "access_token": session, "instance_url": instance,
            "id": "\(instance)/id/00DSB0000000001AAA/005SB0000000001AAA", "token_type": "Bearer", "scope": "api",
            "issued_at": String(now.millisecondsSinceEpoch), "signature": "c2FuZGJveC1zaWduYXR1cmU=",
        ]
        if let rotated { body["refresh_token"] = rotated }
        return EmulatorJSON.response(200, body)
    }

    private func refused(_ status: Int, _ error: String, _ description: String) -> HTTPResponse {
        state.withLock { $0.tally.refusedGrants += 1 }
        return EmulatorJSON.response(status, ["error": error, "error_description": description])
    }

    /// `http://127.0.0.1:PORT`: the emulator itself is the instance.
    static func instanceURL(_ request: HTTPRequest) -> String {
        let port = request.url.port.map { ":\($0)" } ?? ""
        return "\(request.url.scheme ?? "http")://\(request.url.host ?? "127.0.0.1")\(port)"
    }

    /// What is wrong with a JWT bearer assertion, or `nil`: RS256, a registered consumer key as `iss`, a user
    /// the app was approved for as `sub`, the login host (or this instance) as `aud`, not expired, and a
    /// signature the app's certificate verifies.
    private func assertionProblem(_ jwt: String, request: HTTPRequest, now: Timestamp) -> String? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let claimBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any],
            let claims = (try? JSONSerialization.jsonObject(with: Data(claimBytes))) as? [String: Any]
        else { return "invalid assertion" }
        guard header["alg"] as? String == "RS256" else { return "invalid assertion: alg must be RS256" }
        guard let issuer = claims["iss"] as? String,
            let client = options.jwtClients.first(where: { $0.consumerKey == issuer })
        else { return "invalid client identifier" }
        guard let subject = claims["sub"] as? String, client.usernames.contains(subject) else {
            return "user hasn't approved this consumer"
        }
        guard let audience = claims["aud"] as? String,
            Self.loginAudiences.contains(audience) || audience == Self.instanceURL(request)
        else { return "audience is invalid" }
        // simple-salesforce sends `exp` as a string of seconds ("1795000000"), which Salesforce accepts.
        let expires = (claims["exp"] as? NSNumber)?.int64Value ?? (claims["exp"] as? String).flatMap { Int64($0) }
        guard let expires, expires > now.secondsSinceEpoch else {
            return "expired authorization code"
        }
        let signed = Array((parts[0] + "." + parts[1]).utf8)
        guard RSASHA256.verify(signature, of: signed, keyPEM: client.publicKeyPEM) else {
            return "invalid assertion: signature"
        }
        return nil
    }
}

extension SalesforceEmulator.State {
    /// Changes the row of `type` with `id`.
    fileprivate mutating func change(_ type: String, _ id: String, _ body: (inout SalesforceRecord) -> Void) {
        guard var records = dataset.objects[type], let index = SalesforceDataset.index(of: id, in: records) else {
            return
        }
        body(&records[index])
        dataset.objects[type] = records
    }

    /// Changes every row of `type` that `matches`.
    fileprivate mutating func changeAll(
        _ type: String, where matches: (SalesforceRecord) -> Bool, _ body: (inout SalesforceRecord) -> Void
    ) {
        guard var records = dataset.objects[type] else { return }
        for index in records.indices where matches(records[index]) { body(&records[index]) }
        dataset.objects[type] = records
    }
}
