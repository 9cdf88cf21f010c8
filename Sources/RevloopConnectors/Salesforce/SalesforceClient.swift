internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopIdentity
internal import Synchronization

/// Speaks HTTP to Salesforce for one connector: a session from the token endpoint (the refresh-token grant,
/// or the JWT bearer flow signed RS256 with the connected app's certificate key), every later call to the
/// `instance_url` the token answer names, SOQL through `query`/`queryAll` with `Sforce-Query-Options:
/// batchSize` and `nextRecordsUrl` followed as a path on that instance (crms.md 2.1, 2.2).
///
/// Retries 429s, 5xx, timeouts, dropped connections and 403 `REQUEST_LIMIT_EXCEEDED` (Salesforce throttles
/// with 403 and sends no `Retry-After`) within the retry budget; a 401 `INVALID_SESSION_ID` gets one new
/// session. Errors name the connector file and what to do; they never carry a secret or a record's content.
extension ConnectorError.Kind {
    /// Salesforce stopped a query that ran too long (`QUERY_TIMEOUT`): the source asks for a narrower window.
    static let queryTimedOut = ConnectorError.Kind(name: "queryTimedOut")
}

final class SalesforceClient: Sendable {
    private let config: ConnectorConfig
    private let transport: any HTTPTransport
    private let clock: any DelayClock
    private let wallClock: any WallClock
    private let retrier: ConnectorRetrier
    private let secrets: SecretResolver
    private let loginURL: String
    private struct State {
        var session: Secret?
        var instanceURL: String?
        /// A refresh token the token endpoint rotated to (in force for the rest of this process).
        var rotatedRefreshToken: Secret?
        /// The org's API usage as the last answer's `Sforce-Limit-Info` reported it (`api-usage=used/total`).
        var apiUsage: (used: Int, total: Int)?
    }
    private let state: Mutex<State>

    static let defaultLoginURL = "https://login.salesforce.com"
    static let tokenPath = "/services/oauth2/token"

    init(
        config: ConnectorConfig, transport: any HTTPTransport, clock: any DelayClock, wallClock: any WallClock,
        retryPolicy: RetryPolicy, secrets: SecretResolver, jitterSeed: UInt64
    ) {
        self.config = config
        self.transport = transport
        self.clock = clock
        self.wallClock = wallClock
        self.retrier = ConnectorRetrier(policy: retryPolicy, clock: clock, jitterSeed: jitterSeed)
        self.secrets = secrets
        var base = config.baseURL ?? Self.defaultLoginURL
        while base.hasSuffix("/") { base.removeLast() }
        self.loginURL = base
        self.state = Mutex(State())
    }

    private var queryBase: String { "/services/data/v\(config.salesforceAPIVersion)" }

    /// The first page of a SOQL query: through `queryAll` (deleted and merged rows too) or `query`.
    func query(_ soql: String, includeDeleted: Bool, batchSize: Int?) async throws(ConnectorError)
        -> SalesforceWire.QueryPage
    {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = soql.addingPercentEncoding(withAllowedCharacters: allowed) ?? soql
        let endpoint = queryBase + (includeDeleted ? "/queryAll" : "/query")
        return try await get(endpoint + "?q=" + encoded, label: endpoint, batchSize: batchSize)
    }

    /// The page a `nextRecordsUrl` names, as a path on the instance.
    func next(_ nextRecordsURL: String, batchSize: Int?) async throws(ConnectorError) -> SalesforceWire.QueryPage {
        guard nextRecordsURL.hasPrefix("/services/data/") else {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): Salesforce's nextRecordsUrl is not a path under /services/data/; report it")
        }
        return try await get(nextRecordsURL, label: queryBase + "/query/<cursor>", batchSize: batchSize)
    }

    /// Every row of a query, its pages followed (for the child rows of one page of opportunities).
    func all(_ soql: String, includeDeleted: Bool) async throws(ConnectorError) -> [SalesforceWire.Record] {
        var page = try await query(soql, includeDeleted: includeDeleted, batchSize: nil)
        var records = page.records
        var pages = 1
        while !page.done, let next = page.nextRecordsUrl {
            pages += 1
            guard pages <= 100_000 else {
                throw ConnectorError(
                    .badFormat, "\(config.sourcePath): Salesforce's query paging does not end; report it")
            }
            page = try await self.next(next, batchSize: nil)
            records += page.records
        }
        return records
    }

    private func get(_ pathAndQuery: String, label: String, batchSize: Int?) async throws(ConnectorError)
        -> SalesforceWire.QueryPage
    {
        var headers: [String: String] = [:]
        if let batchSize { headers["Sforce-Query-Options"] = "batchSize=\(batchSize)" }
        let response = try await authorized("GET", pathAndQuery, label: label, headers: headers)
        return try decode(response, as: SalesforceWire.QueryPage.self, label: "GET \(label)")
    }

    private func decode<Answer: Decodable>(_ response: HTTPResponse, as type: Answer.Type, label: String)
        throws(ConnectorError) -> Answer
    {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): Salesforce's answer to \(label) is not the documented shape "
                    + "(\(FileExportSource.describe(error))); pull again, and report it if it persists")
        }
    }

    /// Sends a request to the instance with the session (a new session once after a 401) and answers a 2xx
    /// response; anything else is an error that says what to do.
    private func authorized(
        _ method: String, _ pathAndQuery: String, label: String, body: Data? = nil,
        headers extra: [String: String] = [:]
    ) async throws(ConnectorError) -> HTTPResponse {
        var hasRenewedSession = false
        while true {
            let (session, instance) = try await currentSession()
            guard let url = URL(string: instance + pathAndQuery) else {
                throw ConnectorError(
                    .unreadable, "\(config.sourcePath): Salesforce's instance_url \(instance) is not a valid URL")
            }
            var headers = ["Authorization": "Bearer \(session.reveal())", "Accept": "application/json"]
            if body != nil { headers["Content-Type"] = "application/json" }
            headers.merge(extra) { $1 }
            let request = HTTPRequest(
                method: method, url: url, headers: headers, body: body,
                timeout: .seconds(config.requestTimeoutSeconds))
            let response = try await send(request, label: "\(method) \(label)")
            switch response.status {
            case 200..<300:
                if let usage = Self.apiUsage(response.headers["sforce-limit-info"]) {
                    state.withLock { $0.apiUsage = usage }
                }
                return response
            case 401 where !hasRenewedSession:
                // The session expired (the org's timeout) or was revoked: one new session, then the same call.
                hasRenewedSession = true
                state.withLock { $0.session = nil }
            case 401:
                throw ConnectorError(
                    .credentialsRefused,
                    "\(config.sourcePath): Salesforce refused a new session (401 INVALID_SESSION_ID); check that "
                        + "\(credentialName) still grants API access (the connected app's 'api' scope, the user's "
                        + "'API Enabled' permission)")
            default:
                throw refusal(response, label: "\(method) \(label)")
            }
        }
    }

    // MARK: Bulk API 2.0

    private var jobsPath: String { queryBase + "/jobs/query" }

    /// Creates a Bulk API 2.0 query job (`queryAll`, CSV, comma, LF) and answers its id.
    func createBulkQuery(_ soql: String) async throws(ConnectorError) -> String {
        let body: [String: Any] = [
            "operation": "queryAll", "query": soql, "contentType": "CSV", "columnDelimiter": "COMMA",
            "lineEnding": "LF",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        let response = try await authorized("POST", jobsPath, label: jobsPath, body: data)
        return try decode(response, as: SalesforceWire.BulkJob.self, label: "POST \(jobsPath)").id
    }

    /// Creates a query job and waits until it is `JobComplete` (polls 1 s apart, then 2 s, as
    /// simple-salesforce does; a day at most), answering its id.
    func completedBulkQuery(_ soql: String) async throws(ConnectorError) -> String {
        let id = try await createBulkQuery(soql)
        var waited = Duration.zero
        var wait = Duration.seconds(1)
        while true {
            let job = try await bulkJob(id)
            switch job.state {
            case "JobComplete":
                return id
            case "Failed", "Aborted":
                throw ConnectorError(
                    .unreadable,
                    "\(config.sourcePath): Salesforce's Bulk API query job \(id) ended \(job.state)"
                        + (job.errorMessage.map { ": \($0)" } ?? "") + "; pull again, or set 'bulk_api: false'")
            default:
                guard waited < .seconds(86_400) else {
                    throw ConnectorError(
                        .retriesExhausted,
                        "\(config.sourcePath): Salesforce's Bulk API query job \(id) did not complete in a day; "
                            + "pull again later, or set 'bulk_api: false'")
                }
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled")
                }
                waited += wait
                wait = .seconds(2)
            }
        }
    }

    /// A job's state (`UploadComplete`, `InProgress`, `JobComplete`, `Failed`, `Aborted`).
    func bulkJob(_ id: String) async throws(ConnectorError) -> SalesforceWire.BulkJob {
        let response = try await authorized("GET", jobsPath + "/" + id, label: jobsPath + "/<job>")
        return try decode(response, as: SalesforceWire.BulkJob.self, label: "GET \(jobsPath)/<job>")
    }

    /// A chunk of a complete job's results, and the locator of the next (`nil` after the last: Salesforce
    /// sends the string `null`).
    func bulkResults(_ id: String, locator: String?, maxRecords: Int) async throws(ConnectorError) -> (
        records: [SalesforceWire.Record], locator: String?
    ) {
        var query = "?maxRecords=\(maxRecords)"
        if let locator {
            query += "&locator=" + (locator.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? locator)
        }
        let label = jobsPath + "/<job>/results"
        let response = try await authorized(
            "GET", jobsPath + "/" + id + "/results" + query, label: label, headers: ["Accept": "text/csv"])
        guard let records = SalesforceBulkCSV.records(String(decoding: response.body, as: UTF8.self)) else {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): Salesforce's answer to GET \(label) is not CSV with a header line; pull again, "
                    + "and report it if it persists")
        }
        let next = response.headers["sforce-locator"].flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
        return (records, next)
    }

    /// Deletes a finished job (its results are not needed again: a resumed pull starts a new one).
    func deleteBulkJob(_ id: String) async {
        _ = try? await authorized("DELETE", jobsPath + "/" + id, label: jobsPath + "/<job>")
    }

    /// `api-usage=used/total` from `Sforce-Limit-Info` (which may go on with `;per-app-api-usage=...`).
    static func apiUsage(_ header: String?) -> (used: Int, total: Int)? {
        guard let header, let range = header.range(of: "api-usage=") else { return nil }
        let value = header[range.upperBound...].prefix { $0 != ";" && $0 != "," }
        let parts = value.split(separator: "/")
        guard parts.count == 2, let used = Int(parts[0]), let total = Int(parts[1]), total > 0 else { return nil }
        return (used, total)
    }

    /// An error when the org's reported API usage is at or over `max_api_usage` of its daily allocation (a
    /// pull then stops between pages, leaving the rest of the allocation to the org's other integrations);
    /// 100% never stops a pull (Salesforce's own 403 `REQUEST_LIMIT_EXCEEDED` then does).
    func quotaGuard() -> ConnectorError? {
        guard config.maxAPIUsageShare < 1, let usage = state.withLock({ $0.apiUsage }),
            Double(usage.used) >= config.maxAPIUsageShare * Double(usage.total)
        else { return nil }
        return ConnectorError(
            .retriesExhausted,
            "\(config.sourcePath): the org has used \(usage.used) of its \(usage.total) daily API requests, at or "
                + "over 'max_api_usage' (\(Int((config.maxAPIUsageShare * 100).rounded()))%); the pull stopped after "
                + "its last committed page: pull again when usage is lower, or raise 'max_api_usage'")
    }

    /// A non-retryable answer as an error that says what to do.
    private func refusal(_ response: HTTPResponse, label: String) -> ConnectorError {
        let entry = (try? JSONDecoder().decode([SalesforceWire.ErrorEntry].self, from: response.body))?.first
        let code = entry?.errorCode ?? "no errorCode"
        if code == "QUERY_TIMEOUT" {
            return ConnectorError(
                .queryTimedOut, "\(config.sourcePath): Salesforce stopped a query with QUERY_TIMEOUT (\(label))")
        }
        if code == "INVALID_FIELD", entry?.message?.contains("CurrencyIsoCode") == true {
            return ConnectorError(
                .badFormat,
                "\(config.sourcePath): the org is single-currency (Opportunity has no CurrencyIsoCode); set "
                    + "'multi_currency: false' and 'default_currency' to the org's currency")
        }
        if code == "INVALID_FIELD" {
            return ConnectorError(
                .badFormat,
                "\(config.sourcePath): Salesforce answered \(response.status) INVALID_FIELD to \(label): "
                    + "\(entry?.message ?? ""); check 'click_id_fields' (read on Contact, and on Lead unless "
                    + "'read_converted_leads: false') and 'lost_reason_field' against the org's fields "
                    + "(GET /services/data/vXX.X/sobjects/Contact/describe lists them)")
        }
        return ConnectorError(
            .unreadable,
            "\(config.sourcePath): Salesforce answered \(response.status) \(code) to \(label): "
                + "\(entry?.message ?? "no message")")
    }

    /// Sends a request, retrying what is worth retrying until the budget is spent (`ConnectorRetrier`); any
    /// other answer is returned for the caller to read.
    private func send(_ request: HTTPRequest, label: String) async throws(ConnectorError) -> HTTPResponse {
        try await retrier.run(label, sourcePath: config.sourcePath, crm: "Salesforce") {
            () throws(ConnectorError) -> ConnectorRetrier.Attempt<HTTPResponse> in
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as HTTPError {
                return .failed(problem: error.kind == .timedOut ? "timed out" : "connection failed", retryAfter: nil)
            } catch {
                return .failed(problem: "failed", retryAfter: nil)
            }
            switch response.status {
            case 429:
                return .failed(problem: "429", retryAfter: response.retryAfterSeconds.map { .seconds($0) })
            case 500...599:
                return .failed(problem: "\(response.status)", retryAfter: nil)
            case 403:
                let entry = (try? JSONDecoder().decode([SalesforceWire.ErrorEntry].self, from: response.body))?.first
                guard entry?.errorCode == "REQUEST_LIMIT_EXCEEDED" else { return .answered(response) }
                if entry?.message?.hasPrefix("TotalRequests") == true {
                    throw ConnectorError(
                        .retriesExhausted,
                        "\(config.sourcePath): the org's daily API request allocation is spent (403 "
                            + "REQUEST_LIMIT_EXCEEDED, TotalRequests); it frees up over the rolling 24 hours: "
                            + "pull again later (what was committed stays)")
                }
                return .failed(problem: "403 REQUEST_LIMIT_EXCEEDED", retryAfter: nil)
            default:
                return .answered(response)
            }
        }
    }

    private var credentialName: String {
        if let key = config.privateKey {
            return "the JWT bearer flow ('client_id', 'username', 'private_key' \(key))"
        }
        return "'refresh_token' (\(config.refreshToken.map { "\($0)" } ?? "?")) and 'client_id'"
    }

    /// The session and instance URL, from the token endpoint when there is none yet.
    private func currentSession() async throws(ConnectorError) -> (Secret, String) {
        if let current = state.withLock({ state -> (Secret, String)? in
            guard let session = state.session, let instance = state.instanceURL else { return nil }
            return (session, instance)
        }) {
            return current
        }
        var form: [(String, String)]
        let flow: String
        if let keyReference = config.privateKey {
            flow = "JWT bearer flow"
            form = [
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", try assertion(key: try resolve(keyReference))),
            ]
        } else {
            flow = "refresh-token grant"
            guard let reference = config.refreshToken, let clientID = config.clientID else {
                throw ConnectorError(
                    .credentialsRefused,
                    "\(config.sourcePath): no credentials; give 'refresh_token' with 'client_id', or 'client_id', "
                        + "'username' and 'private_key'")
            }
            let refreshToken: Secret
            if let rotated = state.withLock({ $0.rotatedRefreshToken }) {
                refreshToken = rotated
            } else {
                refreshToken = try resolve(reference)
            }
            form = [
                ("grant_type", "refresh_token"), ("client_id", clientID), ("refresh_token", refreshToken.reveal()),
            ]
            if let secretReference = config.clientSecret {
                form.append(("client_secret", try resolve(secretReference).reveal()))
            }
        }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }
            .joined(separator: "&")
        guard let url = URL(string: loginURL + Self.tokenPath) else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): 'base_url' \(loginURL) is not a valid URL")
        }
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(body.utf8), timeout: .seconds(config.requestTimeoutSeconds))
        let response = try await send(request, label: "POST \(Self.tokenPath)")
        guard response.status == 200,
            let grant = try? JSONDecoder().decode(SalesforceWire.Grant.self, from: response.body)
        else {
            let refusal = try? JSONDecoder().decode(SalesforceWire.GrantError.self, from: response.body)
            var message =
                "\(config.sourcePath): Salesforce refused the \(flow) (\(response.status) "
                + "\(refusal?.error ?? "no error code"): \(refusal?.errorDescription ?? "no description")); "
            if config.privateKey != nil {
                message +=
                    "check 'client_id' (the connected app's consumer key), 'username', that 'private_key' is the key "
                    + "of the certificate uploaded to the app, 'audience' (\(config.audience)), and that an admin "
                    + "pre-approved the app for the user (Manage Connected Apps: admin approved users are pre-authorized)"
            } else {
                message +=
                    "check 'refresh_token' (\(config.refreshToken.map { "\($0)" } ?? "?")), 'client_id' and "
                    + "'client_secret', or authorize the connected app again to get a new refresh token"
            }
            throw ConnectorError(.credentialsRefused, message)
        }
        var instance = grant.instanceURL
        while instance.hasSuffix("/") { instance.removeLast() }
        let session = Secret(grant.accessToken)
        state.withLock { state in
            state.session = session
            state.instanceURL = instance
            // Salesforce may rotate refresh tokens: the old one stops working at once.
            if let rotated = grant.refreshToken { state.rotatedRefreshToken = Secret(rotated) }
        }
        return (session, instance)
    }

    /// The JWT bearer assertion: `iss` the consumer key, `sub` the user, `aud` the login host, `exp` three
    /// minutes from now (crms.md 2.1), signed RS256 with the certificate's private key.
    private func assertion(key: Secret) throws(ConnectorError) -> String {
        guard let clientID = config.clientID, let username = config.username else {
            throw ConnectorError(
                .credentialsRefused, "\(config.sourcePath): the JWT bearer flow needs 'client_id' and 'username'")
        }
        let claims: [String: Any] = [
            "iss": clientID, "sub": username, "aud": config.audience,
            "exp": wallClock.now().secondsSinceEpoch + 180,
        ]
        let claimBytes = (try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])) ?? Data()
        let signingInput =
            Base64URL.encode(Array(#"{"alg":"RS256"}"#.utf8)) + "." + Base64URL.encode(Array(claimBytes))
        do {
            let signature = try RSASHA256.sign(Array(signingInput.utf8), privateKeyPEM: key.reveal())
            return signingInput + "." + Base64URL.encode(signature)
        } catch {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): 'private_key' (\(config.privateKey.map { "\($0)" } ?? "?")) cannot sign: "
                    + "\(error); it must be the PEM private key of the certificate uploaded to the connected app")
        }
    }

    private func resolve(_ reference: SecretReference) throws(ConnectorError) -> Secret {
        do {
            return try secrets.resolve(reference)
        } catch {
            throw ConnectorError(.credentialsRefused, "\(config.sourcePath): \(error)")
        }
    }
}
