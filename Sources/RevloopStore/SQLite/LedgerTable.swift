internal import GRDB
internal import RevloopCore

/// Reads and writes the `ledger` and `ledger_history` tables.
enum LedgerTable {
    static func entries(_ db: Database, where scope: (ConnectorName, DealID)?) throws -> [DedupKey: LedgerEntry] {
        let rows: [Row]
        if let (connector, deal) = scope {
            rows = try Row.fetchAll(
                db, sql: "SELECT * FROM ledger WHERE connector = ? AND deal_id = ?",
                arguments: [connector.rawValue, deal.rawValue])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM ledger")
        }
        var entries: [DedupKey: LedgerEntry] = [:]
        entries.reserveCapacity(rows.count)
        for row in rows {
            guard let platform = Platform(rawValue: row["platform"]),
                let state = LedgerEntry.State(rawValue: row["state"]),
                let currency = CurrencyCode(row["currency"] as String)
            else { continue }
            let key = DedupKey(rawValue: row["key"])
            entries[key] = LedgerEntry(
                key: key, platform: platform, goal: row["goal"], connector: ConnectorName(row["connector"] as String),
                dealID: DealID(row["deal_id"] as String), stageID: StageID(row["stage_id"] as String), state: state,
                value: Money(minorUnits: row["value_minor"], currency: currency),
                updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]))
        }
        return entries
    }

    static func record(_ entries: [LedgerEntry], note: String, db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO ledger (key, platform, goal, connector, deal_id, stage_id, state, value_minor, currency,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET state = excluded.state, value_minor = excluded.value_minor,
                    currency = excluded.currency, updated_at = excluded.updated_at
                """)
        let history = try db.cachedStatement(
            sql:
                "INSERT INTO ledger_history (key, recorded_at, state, value_minor, currency, note) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for entry in entries {
            try upsert.execute(arguments: [
                entry.key.rawValue, entry.platform.rawValue, entry.goal, entry.connector.rawValue,
                entry.dealID.rawValue,
                entry.stageID.rawValue, entry.state.rawValue, entry.value.minorUnits, entry.value.currency.code,
                entry.updatedAt.millisecondsSinceEpoch,
            ])
            try history.execute(arguments: [
                entry.key.rawValue, entry.updatedAt.millisecondsSinceEpoch, entry.state.rawValue,
                entry.value.minorUnits, entry.value.currency.code, note,
            ])
        }
    }

    static func history(key: DedupKey, db: Database) throws -> [LedgerEvent] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM ledger_history WHERE key = ? ORDER BY recorded_at, rowid", arguments: [key.rawValue]
        ).compactMap { row in
            guard let state = LedgerEntry.State(rawValue: row["state"]),
                let currency = CurrencyCode(row["currency"] as String)
            else { return nil }
            return LedgerEvent(
                recordedAt: Timestamp(millisecondsSinceEpoch: row["recorded_at"]), state: state,
                value: Money(minorUnits: row["value_minor"], currency: currency), note: row["note"])
        }
    }
}
