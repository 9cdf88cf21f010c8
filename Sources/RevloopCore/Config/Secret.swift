/// A resolved secret. It prints as `<redacted>` everywhere: in logs, errors, dumps and JSON.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, Encodable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself, for the one place that needs it (an `Authorization` header).
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<redacted>")
    }
}
