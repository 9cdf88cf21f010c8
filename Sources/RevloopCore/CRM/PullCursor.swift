/// Where a connector got to in one stream (a file, an API object), as text only the connector reads.
public struct PullCursor: Hashable, Sendable, Codable {
    public var connector: ConnectorName
    /// The stream within the connector (`deals.jsonl`, `deals`, ...).
    public var stream: String
    /// The connector's own encoding of its position.
    public var value: String

    public init(connector: ConnectorName, stream: String, value: String) {
        self.connector = connector
        self.stream = stream
        self.value = value
    }
}
