internal import GRDB

extension SQLiteStore {
    /// SQLite's `quick_check` and the migrations applied, for `revloop doctor`: "ok" and every migration
    /// when the store is sound.
    public func health() async throws -> (check: String, migrations: [String], missing: [String]) {
        try await storeOperation {
            try await pool.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ")
                let applied = try SQLiteMigrations.migrator.appliedIdentifiers(db)
                let known = SQLiteMigrations.migrator.migrations
                return (check, known.filter(applied.contains), known.filter { !applied.contains($0) })
            }
        }
    }
}
