internal import Foundation

/// Resolves secret references late, when a command actually needs the secret.
public struct SecretResolver: Sendable {
    private let environment: [String: String]
    private let readFile: @Sendable (String) -> String?

    /// Resolves against the given environment and file reader (tests pass dictionaries).
    public init(environment: [String: String], readFile: @escaping @Sendable (String) -> String?) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Resolves against the process environment and the file system.
    public static var live: SecretResolver {
        SecretResolver(environment: ProcessInfo.processInfo.environment) { path in
            FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    /// The secret, or an error that names the reference (never the value).
    public func resolve(_ reference: SecretReference) throws(ConfigError) -> Secret {
        switch reference {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError("environment variable \(name) is not set; export it or change \(reference)")
            }
            return Secret(value)
        case .file(let path):
            guard let value = readFile(path) else {
                throw ConfigError("cannot read the secret file \(path); create it or change \(reference)")
            }
            return Secret(value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
