/// An access token could not be had: what happened and what to do, never the secret itself.
public struct TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
