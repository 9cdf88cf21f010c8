public import Foundation
internal import Yams

/// A YAML config file read from disk: its root node, or the diagnostics that say why it could not be read.
public struct ConfigDocument {
    /// The path as the user named it (used in every message).
    public let path: String
    /// The root node; `nil` when the file could not be read or parsed.
    public let root: ConfigNode?

    /// Parses YAML text that came from `path`.
    public static func parse(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> ConfigDocument {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.append(Diagnostic(.error, "the file is empty", at: DiagnosticSource(path: path, line: 1)))
                return ConfigDocument(path: path, root: nil)
            }
            return ConfigDocument(path: path, root: ConfigNode(node: node, path: path, keyPath: ""))
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, path: path))
        } catch {
            diagnostics.append(Diagnostic(.error, "not valid YAML", at: DiagnosticSource(path: path)))
        }
        return ConfigDocument(path: path, root: nil)
    }

    /// Reads and parses the file at `url`, reported as `path`.
    public static func load(url: URL, path: String, diagnostics: inout [Diagnostic]) -> ConfigDocument {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(
                Diagnostic(
                    .error, "cannot read the file: it does not exist or is not readable",
                    at: DiagnosticSource(path: path)))
            return ConfigDocument(path: path, root: nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.error, "the file is not UTF-8 text", at: DiagnosticSource(path: path)))
            return ConfigDocument(path: path, root: nil)
        }
        return parse(text, path: path, diagnostics: &diagnostics)
    }

    private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return Diagnostic(
                .error, "not valid YAML: \(problem)",
                at: DiagnosticSource(path: path, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error,
                "the key(s) \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) appear twice in one mapping; keep one (merge their settings)",
                at: DiagnosticSource(path: path, line: context.mark.line, column: context.mark.column))
        default:
            return Diagnostic(.error, "not valid YAML", at: DiagnosticSource(path: path))
        }
    }
}
