public import Foundation

/// An HTTP response as a value.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
    }

    /// `Retry-After` in seconds, when the server sent a number of seconds.
    public var retryAfterSeconds: Int? {
        headers["retry-after"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
