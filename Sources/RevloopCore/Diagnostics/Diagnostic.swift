/// A problem with one record or one config entry: reported, counted, and never allowed to stop the batch.
///
/// Messages never carry personal data (no email, phone or name, hashed or not): they name the file,
/// line and field, and say what to do.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var source: DiagnosticSource
    /// The record the problem is in (`contact ct-21`), when it is about one record; ids only, never personal data.
    public var record: String?
    public var message: String

    public init(_ severity: Severity, _ message: String, at source: DiagnosticSource, record: String? = nil) {
        self.severity = severity
        self.message = message
        self.source = source
        self.record = record
    }

    /// `path:line:column: error: message`, the form compilers and editors understand.
    public var description: String {
        "\(source): \(severity.rawValue): \(record.map { "\($0): " } ?? "")\(message)"
    }
}

extension Collection<Diagnostic> {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
