internal import Foundation
public import RevloopHTTP
internal import Synchronization

/// The in-memory twin of `HTTPTransport`: answers from a handler and records every request.
public final class RecordingHTTPTransport: HTTPTransport {
    private let handler: @Sendable (HTTPRequest) throws(HTTPError) -> HTTPResponse
    private let recorded = Mutex<[HTTPRequest]>([])

    /// Answers each request with `handler`.
    public init(handler: @escaping @Sendable (HTTPRequest) throws(HTTPError) -> HTTPResponse) {
        self.handler = handler
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        return try handler(request)
    }
}
