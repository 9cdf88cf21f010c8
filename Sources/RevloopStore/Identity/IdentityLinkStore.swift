public import RevloopCore

/// The identity graph's persistent half: the links every source asserts, the person each identifier
/// belongs to, and the identifiers whose person must be worked out again.
///
/// Links are events: replacing a source's links (a CRM record changed, merged or deleted) marks every
/// identifier they touched as dirty, in the same transaction, so the graph is updated incrementally and
/// a crash between a write and its resolution loses nothing (the marks stay until resolved).
public protocol IdentityLinkStore: Sendable {
    /// Replaces the links `source` asserts (an empty list retracts them all).
    func replaceIdentityLinks(source: String, with links: [IdentityLink]) async throws

    /// Up to `limit` identifiers waiting to be resolved, in a stable order.
    func dirtyIdentifiers(limit: Int) async throws -> [String]

    /// Every link, from any source, with an end among `identifiers`.
    func identityLinks(touching identifiers: [String]) async throws -> [IdentityLink]

    /// The stored person of each identifier that has one.
    func persons(of identifiers: [String]) async throws -> [String: String]

    /// Every identifier of the given persons.
    func identifiers(inPersons persons: [String]) async throws -> [String]

    /// Writes persons (`nil` removes an identifier that no link mentions any more) and clears the dirty
    /// marks of `resolved`, in one transaction.
    func saveResolution(_ persons: [String: String?], resolved: [String]) async throws

    /// How many identifiers wait to be resolved.
    func dirtyCount() async throws -> Int

    /// Every distinct link (each pair once, at its earliest time), in time order, `batchSize` at a time:
    /// for rebuilding the whole graph, which is cheaper than resolving most of it piece by piece.
    func forEachIdentityLink(batchSize: Int, _ body: ([IdentityLink]) throws -> Void) async throws

    /// Replaces every stored person at once (`persons` is called with batches of identifiers and returns
    /// their persons) and clears every dirty mark: the end of a full rebuild.
    func replaceAllPersons(batchSize: Int, _ persons: ([String]) throws -> [String: String]) async throws
}
