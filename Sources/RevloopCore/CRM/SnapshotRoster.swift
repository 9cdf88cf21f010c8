/// The ids a snapshot holds for a connector, for a source that must reconcile them against its CRM: Pipedrive
/// names no removed persons in its lists, so what the store holds and the CRM no longer lists was removed.
public protocol SnapshotRoster: Sendable {
    /// Up to `limit` stored contact ids of `connector` after `after` (`nil`: from the first), in the order of
    /// their text, so a walk through them resumes where a committed page ended.
    func contactIDs(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [ContactID]

    /// The stored deals of `connector` that list `contact`, in id order, as stored (their contacts as the last
    /// pull saw them).
    func deals(connector: ConnectorName, naming contact: ContactID) async throws -> [Deal]
}
