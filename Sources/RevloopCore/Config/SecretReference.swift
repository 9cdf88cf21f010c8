internal import Foundation

/// Where a secret lives: an environment variable or a file. Config files hold these, never the secret.
public enum SecretReference: Hashable, Sendable, CustomStringConvertible {
    /// `${env:NAME}`.
    case environment(String)
    /// `${file:PATH}` (relative paths are relative to the working directory).
    case file(String)

    /// Parses `${env:NAME}` or `${file:PATH}`; `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("${"), trimmed.hasSuffix("}") else { return nil }
        let inner = trimmed.dropFirst(2).dropLast()
        if inner.hasPrefix("env:") {
            let name = String(inner.dropFirst(4))
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            self = .environment(name)
        } else if inner.hasPrefix("file:") {
            let path = String(inner.dropFirst(5))
            guard !path.isEmpty else { return nil }
            self = .file(path)
        } else {
            return nil
        }
    }

    /// The reference as written (`${env:NAME}`): safe to print, it is not the secret.
    public var description: String {
        switch self {
        case .environment(let name): "${env:\(name)}"
        case .file(let path): "${file:\(path)}"
        }
    }
}
