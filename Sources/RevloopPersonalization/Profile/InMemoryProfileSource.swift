/// Profiles from a table in memory: the twin of the store-backed source, for tests and simulations.
public struct InMemoryProfileSource: ProfileSource {
    public var profiles: [String: VisitorProfile]

    public init(_ profiles: [VisitorProfile] = []) {
        self.profiles = Dictionary(profiles.map { ($0.visitorID, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func profile(visitorID: String) async throws -> VisitorProfile {
        profiles[visitorID] ?? .anonymous(visitorID)
    }
}
