/// Where a diagnostic points: a place in a file, or a record of a connector.
public struct DiagnosticSource: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The file (as the user named it, relative where possible) or the connector.
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
