#if canImport(FoundationNetworking)
    internal import Foundation
    public import FoundationNetworking
#else
    public import Foundation
#endif

/// The live transport: `URLSession`, which on Linux is libcurl underneath (Debian libcurl4).
public struct URLSessionHTTPTransport: HTTPTransport {
    private let session: URLSession

    public init(session: URLSession = URLSession(configuration: .ephemeral)) {
        self.session = session
    }

    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        let components = request.timeout.components
        urlRequest.timeoutInterval = Double(components.seconds) + Double(components.attoseconds) / 1e18
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // A fresh connection per request: on Linux, URLSession spins on a kept-alive connection the server
        // drops mid-request until the request times out (measured: 30 s of one core for one dropped
        // request), where a closed connection fails at once. Requests carry whole batches, so the
        // handshake is a small price.
        urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            let kind: HTTPError.Kind =
                switch error.code {
                case .timedOut: .timedOut
                case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed: .notConnected
                default: .connectionFailed
                }
            throw HTTPError(kind, "\(request.method) \(request.url.host ?? "") failed: \(error.localizedDescription)")
        } catch {
            throw HTTPError(.connectionFailed, "\(request.method) \(request.url.host ?? "") failed: \(error)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw HTTPError(.invalidResponse, "\(request.method) \(request.url.host ?? ""): not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}
