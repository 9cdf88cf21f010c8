public import RevloopCore

/// Who may run a named piece of work (a scheduler's cycle) until when.
public struct Lease: Hashable, Sendable {
    public var name: String
    public var holder: String
    public var expiresAt: Timestamp

    public init(name: String, holder: String, expiresAt: Timestamp) {
        self.name = name
        self.holder = holder
        self.expiresAt = expiresAt
    }
}
