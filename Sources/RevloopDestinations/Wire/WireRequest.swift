public import RevloopCore

/// One HTTP request to an ad platform, exactly as it would be sent (the authorization value is whatever
/// the caller passed: `<redacted>` for plans).
public struct WireRequest: Hashable, Sendable {
    public struct Header: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var platform: Platform
    public var method: String
    public var url: String
    public var headers: [Header]
    public var body: [UInt8]
    /// The dedup keys of the operations in the body, in order.
    public var keys: [DedupKey]

    public init(platform: Platform, method: String, url: String, headers: [Header], body: [UInt8], keys: [DedupKey]) {
        self.platform = platform
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.keys = keys
    }

    /// One JSON object: `platform`, `method`, `url`, `headers` and `body` (the body as JSON, not a string).
    public var jsonLine: [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(body.count + 512)
        appendJSONLine(to: &line)
        line.removeLast()
        return line
    }

    /// Appends `jsonLine` and a line feed to `output`, without building the line separately.
    public func appendJSONLine(to output: inout [UInt8]) {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.field("platform", platform.rawValue)
        writer.field("method", method)
        writer.field("url", url)
        writer.key("headers")
        writer.beginObject()
        for header in headers {
            writer.key(header.name)
            writer.string(header.value)
        }
        writer.endObject()
        writer.key("body")
        output += writer.bytes
        output += body
        output.append(UInt8(ascii: "}"))
        output.append(10)
    }
}
