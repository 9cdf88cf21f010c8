internal import Foundation
internal import Yams

/// A node of a YAML config file with its position, read with checks that turn every problem into a
/// `path:line:column: error:` diagnostic naming the key and what to do.
///
/// Reading never throws: a wrong value is reported and the reader carries on, so one run of
/// `revloop validate` shows every mistake in a file, not just the first.
public struct ConfigNode {
    let node: Node
    /// The file this node came from, as the user named it.
    public let path: String
    /// Dotted key path from the file's root (`goal.platform`), for messages.
    public let keyPath: String

    init(node: Node, path: String, keyPath: String) {
        self.node = node
        self.path = path
        self.keyPath = keyPath
    }

    /// Where the node starts in its file.
    public var source: DiagnosticSource {
        DiagnosticSource(path: path, line: node.mark?.line, column: node.mark?.column)
    }

    /// An error diagnostic at this node.
    public func error(_ message: String) -> Diagnostic { Diagnostic(.error, message, at: source) }

    /// The node's keys and values when it is a mapping whose keys are all in `allowed`.
    ///
    /// Unknown keys are errors that suggest the closest allowed key; a non-mapping is an error too.
    public func mapping(allowed: [String], diagnostics: inout [Diagnostic]) -> [String: ConfigNode] {
        guard let mapping = node.mapping else {
            diagnostics.append(error("'\(displayName)' must be a mapping of keys (\(allowed.joined(separator: ", ")))"))
            return [:]
        }
        var result: [String: ConfigNode] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                diagnostics.append(ConfigNode(node: keyNode, path: path, keyPath: keyPath).error("keys must be text"))
                continue
            }
            let child = ConfigNode(node: valueNode, path: path, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")
            guard allowed.contains(key) else {
                let keyPosition = ConfigNode(node: keyNode, path: path, keyPath: child.keyPath)
                var message = "unknown key '\(key)' in \(keyPath.isEmpty ? "the file's top level" : "'\(keyPath)'")"
                if let suggestion = Self.closest(to: key, in: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                }
                message += " (allowed: \(allowed.joined(separator: ", ")))"
                diagnostics.append(keyPosition.error(message))
                continue
            }
            result[key] = child
        }
        return result
    }

    /// The node as text; an error if it is a mapping or a list.
    public func string(diagnostics: inout [Diagnostic]) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.append(error("'\(displayName)' must be a single value, not a list or mapping"))
            return nil
        }
        return scalar.string
    }

    /// The node as a non-empty string, or an error naming what was expected.
    public func requiredString(_ what: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            diagnostics.append(error("'\(displayName)' is empty; set it to \(what)"))
            return nil
        }
        return text
    }

    /// The node as an integer within `range`.
    public func integer(in range: ClosedRange<Int>, diagnostics: inout [Diagnostic]) -> Int? {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            diagnostics.append(
                error("'\(displayName)' must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    /// The node as a number within `range`.
    public func number(in range: ClosedRange<Double>, diagnostics: inout [Diagnostic]) -> Double? {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            diagnostics.append(
                error("'\(displayName)' must be a number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    /// The node as `true` or `false`.
    public func boolean(diagnostics: inout [Diagnostic]) -> Bool? {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.append(error("'\(displayName)' must be true or false"))
            return nil
        }
    }

    /// One of `choices`, with the choices listed when it is something else.
    public func choice<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, diagnostics: inout [Diagnostic]
    ) -> T? where T.RawValue == String {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            var message = "'\(displayName)' is '\(text)', which is not one of: \(names.joined(separator: ", "))"
            if let suggestion = Self.closest(to: text, in: names) { message += "; did you mean '\(suggestion)'?" }
            diagnostics.append(error(message))
            return nil
        }
        return value
    }

    /// The node's items when it is a list (a single scalar counts as a list of one).
    public func list(diagnostics: inout [Diagnostic]) -> [ConfigNode] {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { ConfigNode(node: $1, path: path, keyPath: "\(keyPath)[\($0)]") }
        case .scalar:
            return [self]
        case .mapping, .alias:
            diagnostics.append(error("'\(displayName)' must be a list"))
            return []
        }
    }

    /// A secret reference (`${env:NAME}` or `${file:PATH}`); a literal secret is refused.
    public func secretReference(diagnostics: inout [Diagnostic]) -> SecretReference? {
        guard let text = string(diagnostics: &diagnostics) else { return nil }
        guard let reference = SecretReference(text) else {
            // The value itself is never echoed: it may be the secret.
            diagnostics.append(
                error(
                    "'\(displayName)' must name where the secret lives, as ${env:NAME} or ${file:PATH}; "
                        + "secrets are never written in config files"))
            return nil
        }
        return reference
    }

    /// The entries of a mapping whose keys are free-form names (destinations, channels, stage ids).
    public func entries(_ what: String, diagnostics: inout [Diagnostic]) -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else {
            if node.scalar?.string != "" { diagnostics.append(error("'\(displayName)' must map \(what)")) }
            return []
        }
        var result: [(key: String, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                diagnostics.append(ConfigNode(node: keyNode, path: path, keyPath: keyPath).error("keys must be text"))
                continue
            }
            result.append(
                (key, ConfigNode(node: valueNode, path: path, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")))
        }
        return result
    }

    var displayName: String { keyPath.isEmpty ? "(root)" : keyPath }

    /// The allowed word nearest to `word` by edit distance, if it is near enough to be a typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
