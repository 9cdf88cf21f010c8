/// A failure that stops a connector's pull (a whole-source problem; bad records are diagnostics instead).
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that match on it.
    public struct Kind: Hashable, Sendable {
        let name: String
        /// The export or API cannot be reached or read.
        public static let unreadable = Kind(name: "unreadable")
        /// The export is not in the documented format (a header, the manifest).
        public static let badFormat = Kind(name: "badFormat")
        /// Committing a page failed (the store's error is in the message).
        public static let commitFailed = Kind(name: "commitFailed")
        /// The API refused the credentials (HubSpot's 401, or 530 for a token in the wrong format).
        public static let credentialsRefused = Kind(name: "credentialsRefused")
        /// Retries ran out (429s, 5xx, timeouts) within the retry budget, or a daily limit was reached.
        public static let retriesExhausted = Kind(name: "retriesExhausted")
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
