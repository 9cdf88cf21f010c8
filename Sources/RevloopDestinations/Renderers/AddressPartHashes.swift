internal import RevloopIdentity
internal import Synchronization

/// Meta's hashed `zp` and `country`, memoized: a plan renders thousands of events from a few thousand
/// postal codes and a few dozen countries, and Meta's normalization costs far more than a lookup.
final class AddressPartHashes: Sendable {
    private let cache = Mutex<[String: String?]>([:])
    /// Entries kept before the cache starts over (bounds memory on exports with unique codes).
    private static let limit = 100_000

    func hash(_ raw: String, _ field: IdentifierField) -> String? {
        let key = field == .zip ? "z" + raw : "c" + raw
        if let known = cache.withLock({ $0[key] }) { return known }
        var hash: String?
        if case .success(let normalized) = MetaUserDataNormalizer().normalize(raw, field: field, region: nil) {
            hash = normalized.sha256Hex
        }
        cache.withLock { cache in
            if cache.count >= Self.limit { cache.removeAll(keepingCapacity: true) }
            cache[key] = hash
        }
        return hash
    }
}
