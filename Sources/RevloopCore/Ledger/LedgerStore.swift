/// The delivery ledger: one entry per conversion operation, keyed by its dedup key, with its history.
/// The planner reads it to know what each platform already holds; delivery writes it.
public protocol LedgerStore: Sendable {
    /// Every entry, by key.
    func ledgerEntries() async throws -> [DedupKey: LedgerEntry]

    /// One deal's entries, in key order.
    func ledgerEntries(connector: ConnectorName, deal: DealID) async throws -> [LedgerEntry]

    /// One entry, or `nil` when the ledger has never seen `key`.
    func ledgerEntry(key: DedupKey) async throws -> LedgerEntry?

    /// Upserts `entries` and appends each to its history with `note`, in one transaction.
    func record(_ entries: [LedgerEntry], note: String) async throws

    /// Upserts `entries` without history rows, in one transaction: the in-flight mark delivery makes
    /// before each request (the answer, recorded with `record`, carries the attempts into the history).
    func markInFlight(_ entries: [LedgerEntry]) async throws

    /// Operations by platform and state, counted by the store (status, metrics and alerts read these
    /// after every run; they need no entry itself).
    func ledgerCounts() async throws -> [Platform: [LedgerEntry.State: Int]]

    /// One operation's history, oldest first.
    func ledgerHistory(key: DedupKey) async throws -> [LedgerEvent]

    /// Upserts what platforms said about accepted requests, by request id.
    func recordRequestStatuses(_ statuses: [RequestStatus]) async throws

    /// One request's status, or `nil` if none was recorded.
    func requestStatus(id: String) async throws -> RequestStatus?

    /// Requests whose processing had not finished when last asked, oldest first.
    func pendingRequestStatuses(platform: Platform) async throws -> [RequestStatus]
}
