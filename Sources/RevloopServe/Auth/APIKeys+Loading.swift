internal import Foundation

extension APIKeys {
    /// The environment variable that holds keys when no file is named: comma- or blank-separated.
    public static let environmentVariable = "REVLOOP_API_KEYS"

    /// Keys from `file` (one per line) when it is named, else from `REVLOOP_API_KEYS` in `environment`.
    public static func load(file: String?, environment: [String: String]) throws(APIKeysError) -> APIKeys {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw APIKeysError(
                    "\(file): cannot be read; check the path given to --api-keys-file and its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw APIKeysError("\(file): is not UTF-8 text; write one key per line")
            }
            return try parse(text, source: file)
        }
        guard let text = environment[environmentVariable], !text.trimmingBlanks.isEmpty else {
            throw APIKeysError(
                "no API keys: pass --api-keys-file FILE (one key per line) or set \(environmentVariable) "
                    + "(keys separated by commas)")
        }
        return try parse(text, source: environmentVariable, separatedByCommas: true)
    }
}
