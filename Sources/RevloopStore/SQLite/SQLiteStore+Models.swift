internal import Foundation
internal import GRDB
public import RevloopCore

extension SQLiteStore: ModelRegistry {
    public func saveModel(_ model: StoredModel) async throws {
        let metrics = String(decoding: try JSONEncoder.sorted.encode(model.metrics), as: UTF8.self)
        try await storeOperation {
            try await pool.write { db in
                guard
                    try Int.fetchOne(
                        db, sql: "SELECT 1 FROM scoring_models WHERE version = ?", arguments: [model.version])
                        == nil
                else { throw StoreError(.conflict, "a model with version \(model.version) is already saved") }
                try db.execute(
                    sql: """
                        INSERT INTO scoring_models (version, purpose, kind, trained_at, window_start, window_end,
                            fingerprint, rows, metrics, model, drift_reference, is_active, activated_at,
                            stopped_reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL)
                        """,
                    arguments: [
                        model.version, model.purpose, model.kind, model.trainedAt.millisecondsSinceEpoch,
                        model.windowStart.millisecondsSinceEpoch, model.windowEnd.millisecondsSinceEpoch,
                        model.fingerprint, model.rows, metrics, model.document, model.driftReference,
                    ])
            }
        }
    }

    public func models(purpose: String?) async throws -> [StoredModel] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM scoring_models WHERE ? IS NULL OR purpose = ?
                        ORDER BY trained_at DESC, version DESC
                        """, arguments: [purpose, purpose]
                ).map(Self.storedModel)
            }
        }
    }

    public func model(version: String) async throws -> StoredModel? {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM scoring_models WHERE version = ?", arguments: [version])
                    .map(Self.storedModel)
            }
        }
    }

    public func activeModel(purpose: String) async throws -> StoredModel? {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM scoring_models WHERE purpose = ? AND is_active", arguments: [purpose]
                ).map(Self.storedModel)
            }
        }
    }

    public func activateModel(version: String, at time: Timestamp) async throws -> Bool {
        try await storeOperation {
            try await pool.write { db in
                guard
                    let purpose = try String.fetchOne(
                        db, sql: "SELECT purpose FROM scoring_models WHERE version = ?", arguments: [version])
                else { return false }
                try db.execute(
                    sql: "UPDATE scoring_models SET is_active = 0 WHERE purpose = ? AND version != ?",
                    arguments: [purpose, version])
                try db.execute(
                    sql: """
                        UPDATE scoring_models SET is_active = 1, activated_at = ?, stopped_reason = NULL
                        WHERE version = ?
                        """, arguments: [time.millisecondsSinceEpoch, version])
                return true
            }
        }
    }

    public func stopModel(version: String, reason: String) async throws {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE scoring_models SET stopped_reason = ? WHERE version = ?", arguments: [reason, version])
            }
        }
    }

    private static func storedModel(_ row: Row) -> StoredModel {
        let metricsText: String = row["metrics"]
        let metrics = (try? JSONDecoder().decode([String: Double].self, from: Data(metricsText.utf8))) ?? [:]
        let activatedAt: Int64? = row["activated_at"]
        return StoredModel(
            version: row["version"], purpose: row["purpose"], kind: row["kind"],
            trainedAt: Timestamp(millisecondsSinceEpoch: row["trained_at"]),
            windowStart: Timestamp(millisecondsSinceEpoch: row["window_start"]),
            windowEnd: Timestamp(millisecondsSinceEpoch: row["window_end"]), fingerprint: row["fingerprint"],
            rows: row["rows"], metrics: metrics, document: row["model"], driftReference: row["drift_reference"],
            isActive: row["is_active"],
            activatedAt: activatedAt.map(Timestamp.init(millisecondsSinceEpoch:)), stoppedReason: row["stopped_reason"])
    }
}
