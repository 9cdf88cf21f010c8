internal import Synchronization

/// Remembers a pure normalization's answers (postal codes and countries repeat across people and events,
/// and normalizing costs far more than a lookup). Bounded: past `limit` entries it starts over, so an
/// input of unique values cannot grow it without end.
public final class NormalizationMemo: Sendable {
    private let answers = Mutex<[String: String?]>([:])
    private let limit: Int

    public init(limit: Int = 100_000) { self.limit = limit }

    /// The answer for `key`, computed by `compute` the first time.
    public func value(_ key: String, _ compute: () -> String?) -> String? {
        if let known = answers.withLock({ $0[key] }) { return known }
        let value = compute()
        answers.withLock { answers in
            if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
        return value
    }
}
