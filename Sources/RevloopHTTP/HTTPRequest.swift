public import Foundation

/// An HTTP request as a value: easy to log (redacted), record and compare.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    /// Header names as given; `Authorization` and the like are redacted in `redactedHeaders`.
    public var headers: [String: String]
    public var body: Data?
    public var timeout: Duration

    public init(
        method: String, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// Headers safe to print: credentials replaced by `<redacted>`.
    public var redactedHeaders: [String: String] {
        var headers = headers
        for name in headers.keys where Self.secretHeaders.contains(name.lowercased()) { headers[name] = "<redacted>" }
        return headers
    }

    static let secretHeaders: Set<String> = ["authorization", "x-api-key", "cookie", "proxy-authorization"]
}
