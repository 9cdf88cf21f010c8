/// No response arrived: the request may or may not have reached the server.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that match on it.
    public struct Kind: Hashable, Sendable {
        let name: String
        public static let timedOut = Kind(name: "timedOut")
        public static let connectionFailed = Kind(name: "connectionFailed")
        /// No connection was made, so the request never left: always safe to send again.
        public static let notConnected = Kind(name: "notConnected")
        public static let invalidResponse = Kind(name: "invalidResponse")
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
