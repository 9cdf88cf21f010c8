/// Why the API keys could not be loaded: the file or variable, the line, and the fix. Never holds a key.
public struct APIKeysError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
