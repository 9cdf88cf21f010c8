internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import Synchronization

/// Speaks HTTP to HubSpot for one connector: the path style, the bearer token (a private app's, or an
/// OAuth app's refreshed before it expires), pacing under the 10-second and search limits, and retries of
/// 429s, 5xx and timeouts within the retry budget, honouring `Retry-After`. Errors name the connector file
/// and what to do; they never carry a token or a record's content.
final class HubSpotClient: Sendable {
    enum Endpoint {
        case search(String)
        case batchRead(String)
        case list(String)
        case pipelines(String)
        case dealContactAssociations
        /// v4 batch read of the contacts of objects of a type (`meetings`, `calls`, `emails`).
        case contactAssociations(from: String)
        case token
    }

    private let config: ConnectorConfig
    private let transport: any HTTPTransport
    private let clock: any DelayClock
    private let retrier: ConnectorRetrier
    private let secrets: SecretResolver
    private let limiter: SlidingWindowLimiter?
    private let searchLimiter: SlidingWindowLimiter?
    private let baseURL: String
    /// The bearer token in use and when (on `clock`) it must be refreshed.
    private let state: Mutex<(token: Secret?, refreshAt: Duration?)>

    static let defaultBaseURL = "https://api.hubapi.com"

    init(
        config: ConnectorConfig, transport: any HTTPTransport, clock: any DelayClock, retryPolicy: RetryPolicy,
        secrets: SecretResolver, jitterSeed: UInt64
    ) {
        self.config = config
        self.transport = transport
        self.clock = clock
        self.retrier = ConnectorRetrier(policy: retryPolicy, clock: clock, jitterSeed: jitterSeed)
        self.secrets = secrets
        self.limiter =
            config.requestsPerTenSeconds > 0
            ? SlidingWindowLimiter(limit: config.requestsPerTenSeconds, window: .seconds(10), clock: clock) : nil
        self.searchLimiter =
            config.searchRequestsPerSecond > 0
            ? SlidingWindowLimiter(limit: config.searchRequestsPerSecond, window: .seconds(1), clock: clock) : nil
        var base = config.baseURL ?? Self.defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.state = Mutex((nil, nil))
    }

    func path(_ endpoint: Endpoint) -> String {
        let dated = config.hubSpotPathStyle == .dated2026March
        let version = ConnectorConfig.HubSpotPathStyle.dated2026March.rawValue
        switch endpoint {
        case .search(let type):
            return dated ? "/crm/objects/\(version)/\(type)/search" : "/crm/v3/objects/\(type)/search"
        case .batchRead(let type):
            return dated ? "/crm/objects/\(version)/\(type)/batch/read" : "/crm/v3/objects/\(type)/batch/read"
        case .list(let type): return dated ? "/crm/objects/\(version)/\(type)" : "/crm/v3/objects/\(type)"
        case .pipelines(let type): return dated ? "/crm/pipelines/\(version)/\(type)" : "/crm/v3/pipelines/\(type)"
        case .dealContactAssociations:
            return dated
                ? "/crm/associations/\(version)/deals/contacts/batch/read"
                : "/crm/v4/associations/deals/contacts/batch/read"
        case .contactAssociations(let type):
            return dated
                ? "/crm/associations/\(version)/\(type)/contacts/batch/read"
                : "/crm/v4/associations/\(type)/contacts/batch/read"
        case .token: return dated ? "/oauth/\(version)/token" : "/oauth/v1/token"
        }
    }

    /// GETs and decodes a JSON answer.
    func get<Answer: Decodable>(_ endpoint: Endpoint, query: [URLQueryItem] = [], as type: Answer.Type)
        async throws(ConnectorError) -> Answer
    {
        try decode(try await send("GET", endpoint, query: query, body: nil), as: type, endpoint: endpoint)
    }

    /// POSTs a JSON body and decodes the answer (200, or 207 for a batch with some ids missing).
    func post<Answer: Decodable>(_ endpoint: Endpoint, json body: Data, as type: Answer.Type)
        async throws(ConnectorError) -> Answer
    {
        try decode(try await send("POST", endpoint, query: [], body: body), as: type, endpoint: endpoint)
    }

    private func decode<Answer: Decodable>(_ response: HTTPResponse, as type: Answer.Type, endpoint: Endpoint)
        throws(ConnectorError) -> Answer
    {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw ConnectorError(
                .badFormat,
                "\(config.sourcePath): HubSpot's answer to \(path(endpoint)) is not the documented shape "
                    + "(\(FileExportSource.describe(error))); pull again, and report it if it persists")
        }
    }

    private func url(_ endpoint: Endpoint, query: [URLQueryItem]) throws(ConnectorError) -> URL {
        var components = URLComponents(string: baseURL + path(endpoint))
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else {
            throw ConnectorError(.unreadable, "\(config.sourcePath): 'base_url' \(baseURL) is not a valid URL")
        }
        return url
    }

    /// Sends a request, retrying what is worth retrying (429s, 5xx, timeouts) until the budget is spent.
    private func send(_ method: String, _ endpoint: Endpoint, query: [URLQueryItem], body: Data?)
        async throws(ConnectorError) -> HTTPResponse
    {
        let target = try url(endpoint, query: query)
        var hasRefreshedAfter401 = false
        return try await retrier.run(
            "\(method) \(path(endpoint))", sourcePath: config.sourcePath, crm: "HubSpot"
        ) { () throws(ConnectorError) -> ConnectorRetrier.Attempt<HTTPResponse> in
            while true {
                let outcome = try await attempt(method, endpoint, target: target, body: body)
                // The token was revoked or expired early: refresh once and try again, not counted as a retry.
                if case .answered(let response) = outcome, response.status == 401, config.refreshToken != nil,
                    !hasRefreshedAfter401
                {
                    hasRefreshedAfter401 = true
                    state.withLock { $0.token = nil }
                    continue
                }
                if case .answered(let response) = outcome, response.status == 401 {
                    throw ConnectorError(
                        .credentialsRefused,
                        "\(config.sourcePath): HubSpot refused the token (401 INVALID_AUTHENTICATION); check that "
                            + "\(credentialName) names a valid token of this portal with the scopes "
                            + "crm.objects.deals.read, crm.objects.contacts.read and crm.schemas.deals.read")
                }
                return outcome
            }
        }
    }

    /// One attempt: paced, with the current token. A 2xx or a 401 is an answer (the caller decides about
    /// the 401); 429s, 5xx and transport failures are worth retrying; anything else is an error.
    private func attempt(_ method: String, _ endpoint: Endpoint, target: URL, body: Data?)
        async throws(ConnectorError) -> ConnectorRetrier.Attempt<HTTPResponse>
    {
        let isSearch: Bool
        if case .search = endpoint { isSearch = true } else { isSearch = false }
        do {
            try await limiter?.acquire()
            if isSearch { try await searchLimiter?.acquire() }
        } catch {
            throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled")
        }
        let token = try await accessToken()
        let request = HTTPRequest(
            method: method, url: target,
            headers: [
                "Authorization": "Bearer \(token.reveal())", "Accept": "application/json",
                "Content-Type": "application/json",
            ], body: body, timeout: .seconds(config.requestTimeoutSeconds))
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failed(problem: error.kind == .timedOut ? "timed out" : "connection failed", retryAfter: nil)
        }
        switch response.status {
        case 200..<300, 401:
            return .answered(response)
        case 530:
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): HubSpot answered 530, which it does for a token in the wrong format; "
                    + "check that \(credentialName) holds only the token (a private-app token starts with "
                    + "'pat-'), without quotes, 'Bearer' or line breaks")
        case 429:
            let error = try? JSONDecoder().decode(HubSpotWire.ErrorBody.self, from: response.body)
            if error?.policyName == "DAILY" {
                throw ConnectorError(
                    .retriesExhausted,
                    "\(config.sourcePath): HubSpot's daily request limit is reached (policy DAILY); it resets "
                        + "at midnight in the portal's time zone: pull again then (what was committed stays)")
            }
            return .failed(
                problem: "429 \(error?.policyName ?? "rate limited")",
                retryAfter: response.retryAfterSeconds.map { .seconds($0) })
        case 500...599:
            return .failed(problem: "\(response.status)", retryAfter: nil)
        default:
            let error = try? JSONDecoder().decode(HubSpotWire.ErrorBody.self, from: response.body)
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): HubSpot answered \(response.status) "
                    + "\(error?.category ?? "") to \(method) \(path(endpoint)): "
                    + "\(error?.message ?? "no message")")
        }
    }

    private var credentialName: String {
        if let reference = config.accessToken { return "'access_token' (\(reference))" }
        return "'refresh_token' (\(config.refreshToken.map { "\($0)" } ?? "?")) and the OAuth app's client"
    }

    /// The bearer token: the private app's, or an OAuth access token refreshed a minute before it expires.
    private func accessToken() async throws(ConnectorError) -> Secret {
        let now = clock.now()
        if let token = state.withLock({ state -> Secret? in
            guard let token = state.token, state.refreshAt.map({ now < $0 }) ?? true else { return nil }
            return token
        }) {
            return token
        }
        if let reference = config.accessToken {
            let token = try resolve(reference)
            state.withLock { $0.token = token }
            return token
        }
        guard let refreshReference = config.refreshToken, let clientID = config.clientID,
            let secretReference = config.clientSecret
        else {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): no credentials; give 'access_token' or 'refresh_token' with 'client_id' and 'client_secret'"
            )
        }
        let refreshToken = try resolve(refreshReference)
        let clientSecret = try resolve(secretReference)
        func encoded(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        let form =
            "grant_type=refresh_token&client_id=\(encoded(clientID))&client_secret=\(encoded(clientSecret.reveal()))"
            + "&refresh_token=\(encoded(refreshToken.reveal()))"
        let request = HTTPRequest(
            method: "POST", url: try url(.token, query: []),
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(form.utf8), timeout: .seconds(config.requestTimeoutSeconds))
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): HubSpot's token endpoint did not answer (\(error.kind == .timedOut ? "timed out" : "connection failed")); pull again later"
            )
        }
        struct Grant: Decodable {
            var accessToken: String
            var expiresIn: Int64?

            enum CodingKeys: String, CodingKey {
                case accessToken = "access_token"
                case expiresIn = "expires_in"
            }
        }
        guard response.status == 200, let grant = try? JSONDecoder().decode(Grant.self, from: response.body) else {
            throw ConnectorError(
                .credentialsRefused,
                "\(config.sourcePath): HubSpot refused the OAuth refresh (\(response.status)); check 'refresh_token' "
                    + "(\(refreshReference)), 'client_id' and 'client_secret', or reinstall the app to get a new refresh token"
            )
        }
        let token = Secret(grant.accessToken)
        let lifetime = Duration.seconds(max(0, (grant.expiresIn ?? 1_800) - 60))
        state.withLock {
            $0.token = token
            $0.refreshAt = now + lifetime
        }
        return token
    }

    private func resolve(_ reference: SecretReference) throws(ConnectorError) -> Secret {
        do {
            return try secrets.resolve(reference)
        } catch {
            throw ConnectorError(.credentialsRefused, "\(config.sourcePath): \(error)")
        }
    }
}
