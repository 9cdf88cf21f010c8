/// One value a property had, and when it took it (`ValueWithTimestamp` on the wire).
public struct HubSpotHistoryEntry: Hashable, Sendable {
    public var value: String
    /// Milliseconds since the epoch.
    public var timestamp: Int64

    public init(value: String, timestamp: Int64) {
        self.value = value
        self.timestamp = timestamp
    }
}
