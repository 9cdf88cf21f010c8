internal import Foundation

/// The one seam through which Revloop speaks HTTP. The live implementation is libcurl through
/// FoundationNetworking's `URLSession`; tests use `RecordingHTTPTransport` or a loopback server.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, whatever its status. Throws only when no response
    /// arrived (connection refused or dropped, timeout).
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse
}
