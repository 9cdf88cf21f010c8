internal import Foundation

/// Where an API stream got to, committed with each page: the modification-time window being read,
/// `[start, end]` in epoch ms with `end` the run's start (a bookmark never passes it), the position inside
/// it, and whether the window was read to its end. A complete window is followed by
/// `[end - lookback, new run start]`.
///
/// `after` is the connector's own position: for HubSpot's search streams (`deals`, `contacts`) the last
/// object id committed (the next page asks for ids above it, so the 10,000-result cap never applies), for
/// HubSpot's `deals_archived` the list's next page token, for Pipedrive the list's `next_cursor`, for
/// Salesforce the last row's `SystemModstamp` and id (`SalesforcePosition`: a high-water mark with an id
/// tiebreak).
struct StreamWindowCursor: Codable, Equatable {
    var start: Int64
    var end: Int64
    var after: String?
    var isComplete: Bool

    enum CodingKeys: String, CodingKey {
        case start, end, after
        case isComplete = "complete"
    }

    static func decode(_ text: String?) -> StreamWindowCursor? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(StreamWindowCursor.self, from: Data(text.utf8))
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The window a pull at `asOf` reads: the unfinished one it resumes, or the next one, which overlaps
    /// the last by `lookback` (changes that reached the search index late are read again).
    static func window(after previous: StreamWindowCursor?, asOf: Int64, lookback: Int64) -> StreamWindowCursor {
        guard let previous else { return StreamWindowCursor(start: 0, end: asOf, after: nil, isComplete: false) }
        guard previous.isComplete else { return previous }
        return StreamWindowCursor(
            start: max(0, min(previous.end, asOf) - lookback), end: max(asOf, previous.end), after: nil,
            isComplete: false)
    }
}
