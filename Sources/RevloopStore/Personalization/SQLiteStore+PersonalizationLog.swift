internal import Foundation
internal import GRDB
public import RevloopCore
public import RevloopPersonalization

/// The decision log in the store (migration v9): decisions, outcomes and the latest model snapshot.
extension SQLiteStore: PersonalizationLog {
    static let listSeparator: Character = "\u{1F}"

    /// Returns once the decision is committed; decisions arriving together share a transaction.
    public func append(_ decision: LoggedDecision) async throws {
        do {
            try await decisionLog.submit(decision)
        } catch {
            throw StoreError(.databaseFailed, "the store at \(path) failed: \(error)")
        }
    }

    static func insert(_ decision: LoggedDecision, db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO personalization_decisions (sequence, decision_id, visitor_id, surface, time, mode,
                    blocks, propensity, eligible, features, policy_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            decision.sequence, decision.decisionID, decision.visitorID, decision.surface,
            decision.time.millisecondsSinceEpoch, decision.mode.rawValue,
            decision.blocks.joined(separator: String(listSeparator)), decision.propensity,
            decision.eligibleBlocks.joined(separator: String(listSeparator)),
            decision.features.map(String.init).joined(separator: ","), decision.policyVersion,
        ])
    }

    public func append(_ outcome: LoggedOutcome) async throws -> Bool {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO personalization_outcomes (sequence, decision_id, block_id, kind, reward, time)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id, block_id, kind) DO NOTHING
                        """,
                    arguments: [
                        outcome.sequence, outcome.decisionID, outcome.blockID, outcome.kind.rawValue, outcome.reward,
                        outcome.time.millisecondsSinceEpoch,
                    ])
                return db.changesCount > 0
            }
        }
    }

    public func decision(id: String) async throws -> LoggedDecision? {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM personalization_decisions WHERE decision_id = ?", arguments: [id]
                ).map(Self.loggedDecision)
            }
        }
    }

    public func lastSequence() async throws -> Int64 {
        try await storeOperation {
            try await pool.read { db in
                let decisions = try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM personalization_decisions")
                let outcomes = try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM personalization_outcomes")
                return Swift.max(decisions ?? 0, outcomes ?? 0)
            }
        }
    }

    public func decisions(after sequence: Int64, limit: Int) async throws -> [LoggedDecision] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM personalization_decisions WHERE sequence > ? ORDER BY sequence LIMIT ?",
                    arguments: [sequence, limit]
                ).map(Self.loggedDecision)
            }
        }
    }

    public func outcomes(after sequence: Int64, limit: Int) async throws -> [LoggedOutcome] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM personalization_outcomes WHERE sequence > ? ORDER BY sequence LIMIT ?",
                    arguments: [sequence, limit]
                ).map { row in
                    LoggedOutcome(
                        sequence: row["sequence"], decisionID: row["decision_id"], blockID: row["block_id"],
                        kind: DecisionOutcome.Kind(rawValue: row["kind"]) ?? .engagement, reward: row["reward"],
                        time: Timestamp(millisecondsSinceEpoch: row["time"]))
                }
            }
        }
    }

    public func decisions(since time: Timestamp) async throws -> [LoggedDecision] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM personalization_decisions WHERE time >= ? ORDER BY sequence",
                    arguments: [time.millisecondsSinceEpoch]
                ).map(Self.loggedDecision)
            }
        }
    }

    public func save(_ snapshot: ModelSnapshot) async throws {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO personalization_snapshots (id, sequence, data) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, data = excluded.data
                        """, arguments: [snapshot.sequence, snapshot.data])
            }
        }
    }

    public func latestSnapshot() async throws -> ModelSnapshot? {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT sequence, data FROM personalization_snapshots WHERE id = 1").map {
                    ModelSnapshot(sequence: $0["sequence"], data: $0["data"])
                }
            }
        }
    }

    /// Sets or clears a guardrail flag (`competitor`, `existing_customer`, `do_not_personalize`) on an
    /// identity-graph identifier (`crm:hubspot:123`, `visitor:abc`); it applies to the identifier's person.
    public func setPersonalizationFlag(_ flag: String, on identifier: String, isSet: Bool = true) async throws {
        try await storeOperation {
            try await pool.write { db in
                if isSet {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO personalization_flags (identifier, flag) VALUES (?, ?)",
                        arguments: [identifier, flag])
                } else {
                    try db.execute(
                        sql: "DELETE FROM personalization_flags WHERE identifier = ? AND flag = ?",
                        arguments: [identifier, flag])
                }
            }
        }
    }

    /// Sets a profile attribute (`persona`, `lead_score`, ...) on an identity-graph identifier.
    public func setPersonalizationAttribute(_ name: String, value: String, on identifier: String) async throws {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO personalization_attributes (identifier, name, value) VALUES (?, ?, ?)
                        ON CONFLICT (identifier, name) DO UPDATE SET value = excluded.value
                        """, arguments: [identifier, name, value])
            }
        }
    }

    static func loggedDecision(_ row: Row) -> LoggedDecision {
        func list(_ text: String) -> [String] {
            text.isEmpty ? [] : text.split(separator: listSeparator, omittingEmptySubsequences: false).map(String.init)
        }
        let features: String = row["features"]
        return LoggedDecision(
            sequence: row["sequence"], decisionID: row["decision_id"], visitorID: row["visitor_id"],
            surface: row["surface"], time: Timestamp(millisecondsSinceEpoch: row["time"]),
            mode: LoggedDecision.Mode(rawValue: row["mode"]) ?? .policy, blocks: list(row["blocks"]),
            propensity: row["propensity"], eligibleBlocks: list(row["eligible"]),
            features: features.split(separator: ",").compactMap { Int32($0) }, policyVersion: row["policy_version"])
    }
}

extension SQLiteStore {
    /// For a process that writes small transactions on a latency budget (the decision API): the WAL is
    /// copied back into the database every 200 pages instead of SQLite's 1,000. A checkpoint blocks the
    /// commit that triggers it; at 1,000 pages that commit took several milliseconds, about one decision
    /// in a hundred (measured: paced p99 6.1 ms, 3.4 ms with 200). Bulk pulls keep the default: fewer,
    /// larger checkpoints suit them.
    public func preferShortCheckpoints() throws {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 200") }
        } catch {
            throw StoreError(.databaseFailed, "the store at \(path) failed: \(error)")
        }
    }
}
