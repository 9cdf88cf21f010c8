internal import GRDB
internal import RevloopCore

/// Writes identity links inside a transaction, marking every identifier they touch as dirty.
enum IdentityLinkWriter {
    static func replace(source: String, with links: [IdentityLink], db: Database) throws {
        let old = try Row.fetchAll(
            db.cachedStatement(sql: #"SELECT "left", "right" FROM identity_links WHERE source = ?"#),
            arguments: [source])
        if !old.isEmpty {
            try db.cachedStatement(sql: "DELETE FROM identity_links WHERE source = ?").execute(arguments: [source])
        }
        let insert = try db.cachedStatement(
            sql: #"INSERT OR IGNORE INTO identity_links (source, "left", "right", time) VALUES (?, ?, ?, ?)"#)
        for link in links {
            try insert.execute(arguments: [source, link.left, link.right, link.time.millisecondsSinceEpoch])
        }
        let mark = try db.cachedStatement(sql: "INSERT OR IGNORE INTO identity_dirty (identifier) VALUES (?)")
        for row in old {
            try mark.execute(arguments: [row["left"] as String])
            try mark.execute(arguments: [row["right"] as String])
        }
        for link in links {
            try mark.execute(arguments: [link.left])
            try mark.execute(arguments: [link.right])
        }
    }

    /// Retracts every source whose name starts with `prefix` (a contact's click links).
    static func retract(sourcesWithPrefix prefix: String, db: Database) throws {
        let sources = try String.fetchAll(
            db, sql: "SELECT DISTINCT source FROM identity_links WHERE source >= ? AND source < ?",
            arguments: [prefix, prefix + "\u{10FFFF}"])
        for source in sources { try replace(source: source, with: [], db: db) }
    }
}
