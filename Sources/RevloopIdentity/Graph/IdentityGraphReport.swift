/// What applying edges did: how many joined persons, and how many each guard refused.
public struct IdentityGraphReport: Hashable, Sendable, Codable {
    public var edgesRead = 0
    /// Edges seen before (or joining an identifier to itself).
    public var duplicates = 0
    /// Edges that joined two persons.
    public var unions = 0
    /// Edges touching an identifier shared by more than `maximumSharers` others.
    public var refusedShared = 0
    /// Edges that would put two records of one CRM connector in one person.
    public var refusedCRMConflict = 0
    /// Edges that would exceed the emails or phones a person may have.
    public var refusedCaps = 0
    /// Edges through which a device would join two already identified persons.
    public var refusedDeviceBridge = 0

    public init() {}

    /// Adds another report's counts to this one (an update resolves in several batches).
    public mutating func add(_ other: IdentityGraphReport) {
        edgesRead += other.edgesRead
        duplicates += other.duplicates
        unions += other.unions
        refusedShared += other.refusedShared
        refusedCRMConflict += other.refusedCRMConflict
        refusedCaps += other.refusedCaps
        refusedDeviceBridge += other.refusedDeviceBridge
    }
}
