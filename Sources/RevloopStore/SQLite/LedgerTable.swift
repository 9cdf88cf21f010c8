internal import GRDB
internal import RevloopCore

/// Reads and writes the `ledger` and `ledger_history` tables.
enum LedgerTable {
    enum Scope {
        case all
        case deal(ConnectorName, DealID)
        case key(DedupKey)
    }

    static func entries(_ db: Database, where scope: Scope) throws -> [DedupKey: LedgerEntry] {
        let rows: [Row]
        switch scope {
        case .all:
            rows = try Row.fetchAll(db, sql: "SELECT * FROM ledger")
        case .deal(let connector, let deal):
            rows = try Row.fetchAll(
                db, sql: "SELECT * FROM ledger WHERE connector = ? AND deal_id = ?",
                arguments: [connector.rawValue, deal.rawValue])
        case .key(let key):
            rows = try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE key = ?", arguments: [key.rawValue])
        }
        var entries: [DedupKey: LedgerEntry] = [:]
        entries.reserveCapacity(rows.count)
        for row in rows {
            guard let platform = Platform(rawValue: row["platform"]),
                let state = LedgerEntry.State(rawValue: row["state"]),
                let currency = CurrencyCode(row["currency"] as String)
            else { continue }
            let key = DedupKey(rawValue: row["key"])
            var held: Money?
            if let heldMinor = row["held_minor"] as Int64?, let heldCurrency = (row["held_currency"] as String?) {
                held = CurrencyCode(heldCurrency).map { Money(minorUnits: heldMinor, currency: $0) }
            }
            entries[key] = LedgerEntry(
                key: key, platform: platform, goal: row["goal"], connector: ConnectorName(row["connector"] as String),
                dealID: DealID(row["deal_id"] as String), stageID: StageID(row["stage_id"] as String), state: state,
                value: Money(minorUnits: row["value_minor"], currency: currency),
                updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]), attempts: row["attempts"],
                lastCode: row["last_code"], requestID: row["request_id"], heldBefore: held,
                modelVersion: row["model_version"])
        }
        return entries
    }

    /// Upserts `entries`, and appends each to the history with `note` unless it is `nil`.
    static func record(_ entries: [LedgerEntry], note: String?, db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO ledger (key, platform, goal, connector, deal_id, stage_id, state, value_minor, currency,
                    updated_at, attempts, last_code, request_id, held_minor, held_currency, model_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET state = excluded.state, value_minor = excluded.value_minor,
                    currency = excluded.currency, updated_at = excluded.updated_at, attempts = excluded.attempts,
                    last_code = excluded.last_code, request_id = excluded.request_id,
                    held_minor = excluded.held_minor, held_currency = excluded.held_currency,
                    model_version = excluded.model_version
                """)
        let history = try db.cachedStatement(
            sql: """
                INSERT INTO ledger_history (key, recorded_at, state, value_minor, currency, note, code, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for entry in entries {
            try upsert.execute(arguments: [
                entry.key.rawValue, entry.platform.rawValue, entry.goal, entry.connector.rawValue,
                entry.dealID.rawValue, entry.stageID.rawValue, entry.state.rawValue, entry.value.minorUnits,
                entry.value.currency.code, entry.updatedAt.millisecondsSinceEpoch, entry.attempts, entry.lastCode,
                entry.requestID, entry.heldBefore?.minorUnits, entry.heldBefore?.currency.code, entry.modelVersion,
            ])
            guard let note else { continue }
            try history.execute(arguments: [
                entry.key.rawValue, entry.updatedAt.millisecondsSinceEpoch, entry.state.rawValue,
                entry.value.minorUnits, entry.value.currency.code, note, entry.lastCode, entry.requestID,
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
                value: Money(minorUnits: row["value_minor"], currency: currency), note: row["note"],
                code: row["code"], requestID: row["request_id"])
        }
    }

    static func recordStatuses(_ statuses: [RequestStatus], db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO request_statuses (request_id, platform, state, records, errors, checked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO UPDATE SET state = excluded.state, records = excluded.records,
                    errors = excluded.errors, checked_at = excluded.checked_at
                """)
        for status in statuses {
            let errors = status.errors.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            try upsert.execute(arguments: [
                status.requestID, status.platform.rawValue, status.state, status.records, errors,
                status.checkedAt.millisecondsSinceEpoch,
            ])
        }
    }

    static func statuses(_ db: Database, sql: String, arguments: StatementArguments) throws -> [RequestStatus] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let platform = Platform(rawValue: row["platform"]) else { return nil }
            var errors: [String: Int] = [:]
            for pair in (row["errors"] as String).split(separator: ",") {
                let parts = pair.split(separator: "=")
                if parts.count == 2, let count = Int(parts[1]) { errors[String(parts[0])] = count }
            }
            return RequestStatus(
                requestID: row["request_id"], platform: platform, state: row["state"], records: row["records"],
                errors: errors, checkedAt: Timestamp(millisecondsSinceEpoch: row["checked_at"]))
        }
    }
}
