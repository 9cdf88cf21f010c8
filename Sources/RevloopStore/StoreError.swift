/// A failure of the store itself (not of one record): the file cannot be opened, or SQLite failed.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that match on it.
    public struct Kind: Hashable, Sendable {
        let name: String
        public static let cannotOpen = Kind(name: "cannotOpen")
        public static let databaseFailed = Kind(name: "databaseFailed")
        /// A record that must be unique already exists (a model version saved twice).
        public static let conflict = Kind(name: "conflict")
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
