public import RevloopCore

/// Leases in the store: at most one holder per name at a time, across processes sharing the store. A
/// holder that dies stops renewing, and its lease expires for another to take.
public protocol LeaseStore: Sendable {
    /// Takes or renews the lease `name` for `holder` until `now + duration`, atomically; returns the lease
    /// as it stands afterwards (held by someone else when it is theirs and unexpired at `now`).
    func acquireLease(name: String, holder: String, now: Timestamp, duration: Duration) async throws -> Lease

    /// Gives the lease up if `holder` has it, so another can take it at once.
    func releaseLease(name: String, holder: String) async throws

    /// The lease as recorded (possibly expired), or `nil`.
    func lease(name: String) async throws -> Lease?
}

extension Duration {
    /// Whole milliseconds (rounded down).
    var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}
