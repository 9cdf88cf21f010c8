public import Foundation
public import Logging
public import RevloopPersonalization

/// The decision API without the HTTP library: routes, authenticates, validates, asks the engine and
/// writes the answer. The Hummingbird adapter (`DecisionServer`) only copies requests in and answers out,
/// so every rule here is tested without a socket.
///
/// Order of checks, each refusing before the next runs and before the engine sees anything: route (404),
/// method (405), API key (401), content type (415), declared size (413), body read under the cap (413),
/// body shape and fields (400); then the engine's own refusals (400, 404, 409, 422, 503).
public struct DecisionAPI: Sendable {
    /// 16 KiB: a decision request is a few hundred bytes; a context of 32 fields at their maximum fits.
    public static let defaultMaxBodyBytes = 16 * 1024

    public let engine: any DecisionEngine
    public let keys: APIKeys
    public let metrics: ServeMetrics
    public let maxBodyBytes: Int
    public let logger: Logger

    public init(
        engine: any DecisionEngine, keys: APIKeys, metrics: ServeMetrics = ServeMetrics(),
        maxBodyBytes: Int = DecisionAPI.defaultMaxBodyBytes, logger: Logger
    ) {
        self.engine = engine
        self.keys = keys
        self.metrics = metrics
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// Answers one request. `readBody` is called at most once, only for an authenticated POST with the right
    /// content type, with the byte cap; it returns nil when the body is longer than the cap.
    public func handle(_ head: APIRequestHead, readBody: (_ limit: Int) async throws -> Data?) async -> APIResponse {
        var bodyReadInFull = false
        var response = await answer(head) { limit in
            let body = try await readBody(limit)
            bodyReadInFull = body != nil
            return body
        }
        // A refusal sent before the body was read in full leaves the rest of it on the wire. The server
        // drains it before reading the next request, so a client that stopped sending on the early answer
        // must not reuse the connection: ask it to close (and make an unauthenticated client reconnect).
        if response.status >= 400, head.method != "GET", head.method != "HEAD", head.contentLength != 0,
            !bodyReadInFull
        {
            response.headers["Connection"] = "close"
        }
        return response
    }

    private func answer(_ head: APIRequestHead, readBody: (_ limit: Int) async throws -> Data?) async -> APIResponse {
        let started = ContinuousClock.now
        guard let route = APIRoute(path: head.path[...]) else {
            return refuse(
                APIError(
                    status: 404, code: "not_found",
                    message:
                        "no such route; the routes are POST /v1/decisions, POST /v1/outcomes, GET /healthz, GET /metrics"
                ), route: "unknown")
        }
        guard head.method == route.method else {
            var response = refuse(
                APIError(status: 405, code: "method_not_allowed", message: "\(head.path) takes \(route.method) only"),
                route: route.rawValue)
            response.headers["Allow"] = route.method
            return response
        }
        if route.needsKey && !isAuthenticated(head) {
            return refuse(
                APIError(
                    status: 401, code: "unauthorized",
                    message: "a valid API key is required: send Authorization: Bearer KEY or X-API-Key: KEY"),
                route: route.rawValue)
        }
        let response: APIResponse
        switch route {
        case .healthz:
            response = .json(200, #"{"status":"ok"}"#)
        case .metrics:
            // Counted before rendering, so a scrape sees itself like any other request.
            metrics.count(route: route.rawValue, status: 200)
            return APIResponse(status: 200, contentType: "text/plain; version=0.0.4", body: metrics.text())
        case .decisions, .outcomes:
            do throws(APIError) {
                let body = try await readJSONBody(head, readBody: readBody)
                response = route == .decisions ? try await decide(body) : try await record(body)
            } catch {
                return refuse(error, route: route.rawValue)
            }
        }
        metrics.count(route: route.rawValue, status: response.status)
        if route == .decisions { metrics.recordDecision(ContinuousClock.now - started) }
        return response
    }

    /// Whether the request carries one of the keys: `Authorization: Bearer KEY`, else `X-API-Key: KEY`.
    func isAuthenticated(_ head: APIRequestHead) -> Bool {
        if let authorization = head.authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
            return keys.accepts(parts[1].utf8)
        }
        if let apiKey = head.apiKey { return keys.accepts(apiKey[...].utf8) }
        return false
    }

    /// The body, after the content type and size checks.
    private func readJSONBody(_ head: APIRequestHead, readBody: (_ limit: Int) async throws -> Data?)
        async throws(APIError) -> Data
    {
        let mediaType = head.contentType.map { $0.prefix { $0 != ";" }.trimmingBlanks.lowercased() }
        guard mediaType == "application/json" else {
            throw APIError(
                status: 415, code: "unsupported_media_type", field: "Content-Type",
                message: "the body must be JSON sent with Content-Type: application/json")
        }
        let tooLarge = APIError(
            status: 413, code: "body_too_large", message: "the body is larger than \(maxBodyBytes) bytes")
        if let length = head.contentLength, length > maxBodyBytes { throw tooLarge }
        let body: Data?
        do {
            body = try await readBody(maxBodyBytes)
        } catch {
            throw APIError(status: 400, code: "unreadable_body", message: "the body could not be read to its end")
        }
        guard let body else { throw tooLarge }
        return body
    }

    private func decide(_ body: Data) async throws(APIError) -> APIResponse {
        let request = try Self.decode(DecisionRequestBody.self, from: body).request
        let decision: Decision
        do {
            decision = try await engine.decide(request)
        } catch {
            throw engineRefusal(error)
        }
        logger.debug(
            "decision", metadata: ["decision_id": "\(decision.decisionID)", "surface": "\(request.surface)"])
        return .json(200, DecisionResponseBody.json(decision))
    }

    private func record(_ body: Data) async throws(APIError) -> APIResponse {
        let outcome = try Self.decode(OutcomeRequestBody.self, from: body).outcome
        do {
            try await engine.record(outcome)
        } catch {
            throw engineRefusal(error)
        }
        // 202 with a small body rather than a bodiless 204: some HTTP clients (libcurl under URLSession on
        // Linux, seen in this project's tests) stall now and then on a keep-alive 204 until they time out.
        return .json(202, #"{"status":"recorded","decision_id":"# + JSONText.quoted(outcome.decisionID) + "}")
    }

    /// The engine's refusal as an answer; a storage failure's detail goes to the log, not to the client.
    private func engineRefusal(_ error: DecisionEngineError) -> APIError {
        if case .storage(let detail) = error {
            logger.error("decision engine could not store", metadata: ["detail": "\(detail)"])
        }
        return APIError(error)
    }

    /// A body decoded field by field; JSON that does not parse is 400 `malformed_json`.
    static func decode<Body: Decodable>(_ type: Body.Type, from data: Data) throws(APIError) -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: 400, code: "malformed_json", message: "the body is not valid JSON")
        }
    }

    /// Counts and logs a refusal: the route, status, code and field, never the body or the key.
    private func refuse(_ error: APIError, route: String) -> APIResponse {
        metrics.count(route: route, status: error.status)
        var metadata: Logger.Metadata = [
            "route": "\(route)", "status": "\(error.status)", "code": "\(error.code)",
        ]
        if let field = error.field { metadata["field"] = "\(field)" }
        logger.log(level: error.status >= 500 ? .error : .info, "request refused", metadata: metadata)
        return APIResponse(error)
    }
}
