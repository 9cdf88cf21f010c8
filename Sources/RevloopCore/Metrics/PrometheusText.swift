/// The Prometheus text exposition format (version 0.0.4), written one metric family at a time. Shared by
/// every command that exposes figures (`schedule --metrics-port`, one-off runs' `--metrics-file`,
/// `revloop serve`'s `/metrics`), so names, label escaping and histogram series are rendered one way.
/// Labels carry routes, destinations, platforms, states and codes, never personal data.
public struct PrometheusText: Sendable {
    /// One sample: its labels, in order, and its value as the format writes it.
    public typealias Sample = (labels: [(String, String)], value: String)

    /// Every metric name starts with this (`revloop_`).
    public let prefix: String
    private var lines: [String] = []

    public init(prefix: String = "revloop_") { self.prefix = prefix }

    /// The exposition text, each line ended by a line feed.
    public var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// Appends a line as it is (a `#` comment, say).
    public mutating func comment(_ line: String) { lines.append("# " + line) }

    /// One family of `kind` (`counter`, `gauge`): its HELP and TYPE lines, then one line per sample.
    public mutating func metric(_ name: String, _ kind: String, _ help: String, _ samples: [Sample]) {
        lines.append("# HELP \(prefix)\(name) \(help)")
        lines.append("# TYPE \(prefix)\(name) \(kind)")
        for sample in samples { lines.append("\(prefix)\(name)\(Self.labels(sample.labels)) \(sample.value)") }
    }

    /// The HELP and TYPE lines of a histogram family; each series then follows through `histogramSeries`.
    public mutating func histogramHeader(_ name: String, _ help: String) {
        lines.append("# HELP \(prefix)\(name) \(help)")
        lines.append("# TYPE \(prefix)\(name) histogram")
    }

    /// One histogram series: cumulative bucket counts by upper bound (`+Inf` last), then its sum and count.
    public mutating func histogramSeries(
        _ name: String, labels: [(String, String)], cumulative: [(bound: String, count: Int)], sum: Double, count: Int
    ) {
        for (bound, running) in cumulative {
            lines.append("\(prefix)\(name)_bucket\(Self.labels(labels + [("le", bound)])) \(running)")
        }
        lines.append("\(prefix)\(name)_sum\(Self.labels(labels)) \(sum)")
        lines.append("\(prefix)\(name)_count\(Self.labels(labels)) \(count)")
    }

    /// `{a="1",b="2"}`, or nothing for no labels.
    public static func labels(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : "{" + pairs.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape backslash, double quote and line feed, as the format requires.
    public static func escape(_ value: String) -> String {
        // By scalar, not by character: "\r\n" is one Character and would hide its line feed.
        var escaped = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": escaped.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
