internal import GRDB
public import RevloopCore

extension SQLiteStore: LeaseStore {
    public func acquireLease(name: String, holder: String, now: Timestamp, duration: Duration) async throws -> Lease {
        try await storeOperation {
            // One write transaction: SQLite serializes writers, so two processes never both see the lease free.
            try await pool.write { db in
                let expires = now.millisecondsSinceEpoch + duration.milliseconds
                try db.execute(
                    sql: """
                        INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                        WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
                        """, arguments: [name, holder, expires, now.millisecondsSinceEpoch])
                return try Self.lease(name: name, db: db) ?? Lease(name: name, holder: holder, expiresAt: now)
            }
        }
    }

    public func releaseLease(name: String, holder: String) async throws {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM leases WHERE name = ? AND holder = ?", arguments: [name, holder])
            }
        }
    }

    public func lease(name: String) async throws -> Lease? {
        try await storeOperation { try await pool.read { db in try Self.lease(name: name, db: db) } }
    }

    private static func lease(name: String, db: Database) throws -> Lease? {
        try Row.fetchOne(db, sql: "SELECT * FROM leases WHERE name = ?", arguments: [name]).map { row in
            Lease(
                name: row["name"], holder: row["holder"],
                expiresAt: Timestamp(millisecondsSinceEpoch: row["expires_at"]))
        }
    }
}
