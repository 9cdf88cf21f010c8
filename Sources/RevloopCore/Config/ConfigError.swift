/// A configuration problem that stops a command, with the diagnostics that explain it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public let diagnostics: [Diagnostic]
    private let summary: String

    /// An error with one message and no file position.
    public init(_ message: String) {
        self.summary = message
        self.diagnostics = []
    }

    /// An error carrying the diagnostics of one or more files.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        let count = diagnostics.filter { $0.severity == .error }.count
        self.summary = "\(count) error\(count == 1 ? "" : "s") in the configuration"
    }

    public var description: String {
        diagnostics.isEmpty ? summary : diagnostics.map(\.description).joined(separator: "\n")
    }
}
