/// Where a Salesforce stream got to inside its modification window: the last committed row's
/// `SystemModstamp` (epoch ms) and id. The next query asks for rows after it in `(SystemModstamp, Id)`
/// order, so rows that share a timestamp are neither skipped nor read twice. An empty id means every row at
/// that instant was read.
struct SalesforcePosition: Equatable {
    var modstamp: Int64
    var id: String

    /// `"<ms>|<id>"`, as `StreamWindowCursor.after` holds it.
    init?(_ text: String?) {
        guard let text, let bar = text.firstIndex(of: "|"), let modstamp = Int64(text[..<bar]) else { return nil }
        self.modstamp = modstamp
        self.id = String(text[text.index(after: bar)...])
    }

    init(modstamp: Int64, id: String) {
        self.modstamp = modstamp
        self.id = id
    }

    var encoded: String { "\(modstamp)|\(id)" }
}
