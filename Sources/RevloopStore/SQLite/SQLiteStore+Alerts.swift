internal import GRDB
public import RevloopCore

extension SQLiteStore: AlertStore {
    public func recordAlerts(_ alerts: [RaisedAlert]) async throws {
        guard !alerts.isEmpty else { return }
        try await storeOperation {
            try await pool.write { db in
                for alert in alerts {
                    try db.execute(
                        sql: "INSERT INTO alerts (kind, target, text, raised_at, run_id) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            alert.kind, alert.target, alert.text, alert.raisedAt.millisecondsSinceEpoch, alert.runID,
                        ])
                }
            }
        }
    }

    public func alerts(since: Timestamp, limit: Int) async throws -> [RaisedAlert] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kind, target, text, raised_at, run_id FROM alerts WHERE raised_at >= ?
                        ORDER BY raised_at DESC, id DESC LIMIT ?
                        """, arguments: [since.millisecondsSinceEpoch, limit]
                ).map { row in
                    RaisedAlert(
                        kind: row["kind"], target: row["target"], text: row["text"],
                        raisedAt: Timestamp(millisecondsSinceEpoch: row["raised_at"]), runID: row["run_id"])
                }
            }
        }
    }
}
