public import RevloopCore

/// The CRM snapshot: what each connector last pulled (companies, contacts with hashed identifiers,
/// click ids, deals with their full history, pipelines), and each connector's cursors.
///
/// `apply` writes a batch and its cursors in one transaction, so a cursor never runs ahead of the
/// records it covers and a crash at any point resumes without loss. Upserts are keyed by
/// (connector, id), so re-reading a page can never create a duplicate.
public protocol SnapshotStore: Sendable {
    /// Writes the batch and moves the given cursors, atomically. Records not newer than the stored copy
    /// (by `updatedAt`) are left alone and counted as unchanged.
    func apply(_ batch: SnapshotBatch, cursors: [PullCursor]) async throws -> ApplyOutcome

    /// A connector's cursor for one stream, if it has one.
    func cursor(connector: ConnectorName, stream: String) async throws -> PullCursor?

    /// All of a connector's cursors, by stream.
    func cursors(connector: ConnectorName) async throws -> [String: PullCursor]

    /// Moves cursors without records (a stream found nothing new).
    func save(cursors: [PullCursor]) async throws

    /// Row counts, overall and per kind.
    func counts() async throws -> SnapshotCounts

    /// One deal with its history and contacts.
    func deal(connector: ConnectorName, id: DealID) async throws -> Deal?

    /// One contact with its hashed identifiers.
    func contact(connector: ConnectorName, id: ContactID) async throws -> Contact?

    /// The click ids recorded for a contact.
    func clickIDs(connector: ConnectorName, contact: ContactID) async throws -> [ClickID]

    /// A connector's pipelines.
    func pipelines(connector: ConnectorName) async throws -> [Pipeline]

    /// Up to `limit` deals with ids after `after` (`nil`: from the first), in id order: pages through the
    /// whole snapshot without holding it.
    func deals(connector: ConnectorName, after: DealID?, limit: Int) async throws -> [Deal]

    /// Up to `limit` contacts with ids after `after` (`nil`: from the first), in id order: pages through every
    /// person the CRM knows (lead scoring needs the ones with no deal too, to count them).
    func contacts(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [Contact]

    /// The stored contacts among `ids`, in id order; ids not stored are left out.
    func contacts(connector: ConnectorName, ids: [ContactID]) async throws -> [Contact]

    /// The click ids of each of `contacts`, oldest first; contacts without clicks are left out.
    func clickIDs(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [ClickID]]

    /// The stored companies among `ids`, in id order; ids not stored are left out.
    func companies(connector: ConnectorName, ids: [CompanyID]) async throws -> [Company]

    /// The activities of each of `contacts`, oldest first; contacts without activities are left out.
    func activities(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [Activity]]

    /// Removes a contact the CRM deleted, with its click ids, activities and the identity links it asserted, so its
    /// person is worked out again without it.
    func deleteContact(connector: ConnectorName, id: ContactID) async throws

    /// Folds a contact the CRM merged into another: its deals, click ids and activities move to the survivor; its own
    /// record and identity links go.
    func mergeContact(connector: ConnectorName, loser: ContactID, into survivor: ContactID) async throws
}
