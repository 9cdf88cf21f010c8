public import Foundation
public import RevloopHTTP
public import Testing

/// The behaviour every `HTTPTransport` must have. The live `URLSession` transport runs it against a
/// loopback server over real sockets; the recording twin runs it against the same handler in memory.
public enum HTTPTransportConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case deliversMethodHeadersAndBody
    case returnsErrorStatusesAsResponses
    case readsRetryAfter

    public var testDescription: String { rawValue }

    /// The handler both the loopback server and the twin answer with.
    public static let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        switch request.url.path {
        case "/echo":
            return HTTPResponse(
                status: 200,
                headers: [
                    "x-method": request.method,
                    "x-auth": request.headers["authorization"] ?? request.headers["Authorization"] ?? "",
                ], body: request.body ?? Data())
        case "/limited":
            return HTTPResponse(status: 429, headers: ["Retry-After": "7"], body: Data(#"{"error":"rate"}"#.utf8))
        default:
            return HTTPResponse(status: 404, body: Data("no such path".utf8))
        }
    }

    /// Runs the check with a transport whose requests reach `handler` at `baseURL`.
    public func run(on transport: any HTTPTransport, baseURL: URL) async throws {
        switch self {
        case .deliversMethodHeadersAndBody:
            let body = Data(#"{"events":[1,2,3]}"#.utf8)
            let request = HTTPRequest(
                method: "POST", url: baseURL.appendingPathComponent("echo"),
                headers: ["Authorization": "Bearer token-123", "Content-Type": "application/json"], body: body)
            let response = try await transport.send(request)
            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(response.headers["x-method"] == "POST")
            #expect(response.headers["x-auth"] == "Bearer token-123")
            #expect(request.redactedHeaders["Authorization"] == "<redacted>")
        case .returnsErrorStatusesAsResponses:
            let response = try await transport.send(
                HTTPRequest(method: "GET", url: baseURL.appendingPathComponent("missing")))
            #expect(response.status == 404)
            #expect(String(decoding: response.body, as: UTF8.self) == "no such path")
        case .readsRetryAfter:
            let response = try await transport.send(
                HTTPRequest(method: "GET", url: baseURL.appendingPathComponent("limited")))
            #expect(response.status == 429)
            #expect(response.retryAfterSeconds == 7)
        }
    }
}
