internal import GRDB
public import RevloopCore

extension SQLiteStore: PauseStore {
    public func pause(_ target: String, reason: String, at time: Timestamp) async throws {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO pauses (target, reason, paused_at) VALUES (?, ?, ?)
                        ON CONFLICT (target) DO UPDATE SET reason = excluded.reason, paused_at = excluded.paused_at
                        """, arguments: [target, reason, time.millisecondsSinceEpoch])
            }
        }
    }

    @discardableResult public func resume(_ target: String) async throws -> Bool {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM pauses WHERE target = ?", arguments: [target])
                return db.changesCount > 0
            }
        }
    }

    public func pauses() async throws -> [String: String] {
        try await storeOperation {
            try await pool.read { db in
                Dictionary(
                    try Row.fetchAll(db, sql: "SELECT target, reason FROM pauses").map {
                        ($0["target"] as String, $0["reason"] as String)
                    }, uniquingKeysWith: { first, _ in first })
            }
        }
    }
}
