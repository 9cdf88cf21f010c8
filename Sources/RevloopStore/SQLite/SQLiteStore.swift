internal import Foundation
internal import GRDB
public import RevloopCore
internal import RevloopPersonalization

/// The store in one SQLite file (GRDB, WAL mode): the snapshot, cursors and runs.
///
/// WAL with `synchronous = NORMAL` survives a killed process without losing a committed transaction;
/// several processes may read while one writes, and a writer waits for another instead of failing.
public struct SQLiteStore: SnapshotStore, RunStore, IdentityLinkStore, LedgerStore {
    let pool: DatabasePool
    /// The personalization decision log's writes, batched (see `GroupCommit`).
    let decisionLog: GroupCommit<LoggedDecision>
    /// The database file.
    public let path: String

    /// Opens (creating if needed, with its folder) the store at `path` and migrates it to the current schema.
    public init(path: String) throws(StoreError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .cannotOpen, "cannot create the store's folder \(folder): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // NORMAL is durable against a killed process in WAL mode (only an OS crash can lose the last
            // transactions). A 64 MiB page cache keeps a million-deal pull's indexes in memory.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        let opened: DatabasePool
        do {
            opened = try DatabasePool(path: path, configuration: configuration)
            try SQLiteMigrations.migrator.migrate(opened)
        } catch {
            throw StoreError(.cannotOpen, "cannot open the store at \(path): \(error)")
        }
        pool = opened
        decisionLog = GroupCommit { decisions in
            try opened.write { db in
                for decision in decisions { try Self.insert(decision, db: db) }
            }
        }
    }

    // MARK: SnapshotStore

    public func apply(_ batch: SnapshotBatch, cursors: [PullCursor]) async throws -> ApplyOutcome {
        try await storeOperation {
            try await pool.write { db in
                var outcome = ApplyOutcome()
                let connector = batch.connector.rawValue
                for pipeline in batch.pipelines {
                    outcome.pipelines.add(try SnapshotWriter.upsert(pipeline, connector: connector, db: db))
                }
                for company in batch.companies {
                    outcome.companies.add(try SnapshotWriter.upsert(company, connector: connector, db: db))
                }
                for contact in batch.contacts {
                    outcome.contacts.add(try SnapshotWriter.upsert(contact, connector: connector, db: db))
                }
                for clickID in batch.clickIDs {
                    outcome.clickIDs.add(try SnapshotWriter.upsert(clickID, connector: connector, db: db))
                }
                for deal in batch.deals {
                    outcome.deals.add(try SnapshotWriter.upsert(deal, connector: connector, db: db))
                }
                for activity in batch.activities {
                    outcome.activities.add(try SnapshotWriter.insert(activity, connector: connector, db: db))
                }
                for activity in batch.activityDeletions {
                    try SnapshotWriter.delete(activity, connector: connector, db: db)
                }
                for merge in batch.contactMerges where merge.loser != merge.survivor {
                    try SnapshotWriter.mergeContact(
                        connector: batch.connector, loser: merge.loser, survivor: merge.survivor, db: db)
                }
                for contact in batch.contactDeletions {
                    try SnapshotWriter.deleteContact(connector: batch.connector, id: contact, db: db)
                }
                try SnapshotWriter.save(cursors, db: db)
                return outcome
            }
        }
    }

    public func save(cursors: [PullCursor]) async throws {
        try await storeOperation { try await pool.write { db in try SnapshotWriter.save(cursors, db: db) } }
    }

    public func cursor(connector: ConnectorName, stream: String) async throws -> PullCursor? {
        try await storeOperation {
            try await pool.read { db in
                try String.fetchOne(
                    db, sql: "SELECT value FROM cursors WHERE connector = ? AND stream = ?",
                    arguments: [connector.rawValue, stream]
                ).map { PullCursor(connector: connector, stream: stream, value: $0) }
            }
        }
    }

    public func cursors(connector: ConnectorName) async throws -> [String: PullCursor] {
        try await storeOperation {
            try await pool.read { db in
                var cursors: [String: PullCursor] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT stream, value FROM cursors WHERE connector = ?", arguments: [connector.rawValue])
                {
                    let stream: String = row["stream"]
                    cursors[stream] = PullCursor(connector: connector, stream: stream, value: row["value"])
                }
                return cursors
            }
        }
    }

    public func counts() async throws -> SnapshotCounts {
        try await storeOperation { try await pool.read { db in try SnapshotReader.counts(db) } }
    }

    public func deal(connector: ConnectorName, id: DealID) async throws -> Deal? {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.deal(connector: connector, id: id, db: db) }
        }
    }

    public func contact(connector: ConnectorName, id: ContactID) async throws -> Contact? {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.contact(connector: connector, id: id, db: db) }
        }
    }

    public func clickIDs(connector: ConnectorName, contact: ContactID) async throws -> [ClickID] {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.clickIDs(connector: connector, contact: contact, db: db) }
        }
    }

    public func deals(connector: ConnectorName, after: DealID?, limit: Int) async throws -> [Deal] {
        try await storeOperation {
            try await pool.read { db in
                try SnapshotReader.deals(connector: connector, after: after, limit: limit, db: db)
            }
        }
    }

    public func contacts(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [Contact] {
        try await storeOperation {
            try await pool.read { db in
                try SnapshotReader.contacts(connector: connector, after: after, limit: limit, db: db)
            }
        }
    }

    public func contacts(connector: ConnectorName, ids: [ContactID]) async throws -> [Contact] {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.contacts(connector: connector, ids: ids, db: db) }
        }
    }

    public func contactIDs(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [ContactID] {
        try await storeOperation {
            try await pool.read { db in
                try String.fetchAll(
                    db, sql: "SELECT id FROM contacts WHERE connector = ? AND id > ? ORDER BY id LIMIT ?",
                    arguments: [connector.rawValue, after?.rawValue ?? "", limit]
                ).map(ContactID.init)
            }
        }
    }

    public func deals(connector: ConnectorName, naming contact: ContactID) async throws -> [Deal] {
        try await storeOperation {
            try await pool.read { db in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT deal_id FROM deal_contacts WHERE connector = ? AND contact_id = ? ORDER BY deal_id",
                    arguments: [connector.rawValue, contact.rawValue]
                ).compactMap { id in try SnapshotReader.deal(connector: connector, id: DealID(id), db: db) }
            }
        }
    }

    public func clickIDs(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [ClickID]] {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.clickIDs(connector: connector, contacts: contacts, db: db) }
        }
    }

    public func companies(connector: ConnectorName, ids: [CompanyID]) async throws -> [Company] {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.companies(connector: connector, ids: ids, db: db) }
        }
    }

    public func activities(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [Activity]] {
        try await storeOperation {
            try await pool.read { db in
                try SnapshotReader.activities(connector: connector, contacts: contacts, db: db)
            }
        }
    }

    public func pipelines(connector: ConnectorName) async throws -> [Pipeline] {
        try await storeOperation {
            try await pool.read { db in try SnapshotReader.pipelines(connector: connector, db: db) }
        }
    }

    public func deleteContact(connector: ConnectorName, id: ContactID) async throws {
        try await storeOperation {
            try await pool.write { db in try SnapshotWriter.deleteContact(connector: connector, id: id, db: db) }
        }
    }

    public func mergeContact(connector: ConnectorName, loser: ContactID, into survivor: ContactID) async throws {
        try await storeOperation {
            try await pool.write { db in
                try SnapshotWriter.mergeContact(connector: connector, loser: loser, survivor: survivor, db: db)
            }
        }
    }

    // MARK: IdentityLinkStore

    public func replaceIdentityLinks(source: String, with links: [IdentityLink]) async throws {
        try await storeOperation {
            try await pool.write { db in try IdentityLinkWriter.replace(source: source, with: links, db: db) }
        }
    }

    public func dirtyIdentifiers(limit: Int) async throws -> [String] {
        try await storeOperation {
            try await pool.read { db in
                try String.fetchAll(
                    db, sql: "SELECT identifier FROM identity_dirty ORDER BY identifier LIMIT ?", arguments: [limit])
            }
        }
    }

    public func identityLinks(touching identifiers: [String]) async throws -> [IdentityLink] {
        try await storeOperation {
            try await pool.read { db in
                var links = Set<IdentityLink>()
                for (chunk, marks) in Self.chunks(identifiers, size: 500) {
                    let arguments = StatementArguments(Array(chunk) + Array(chunk))
                    for row in try Row.fetchAll(
                        db,
                        sql:
                            #"SELECT "left", "right", MIN(time) AS time FROM identity_links WHERE "left" IN (\#(marks)) OR "right" IN (\#(marks)) GROUP BY "left", "right""#,
                        arguments: arguments)
                    {
                        links.insert(
                            IdentityLink(
                                row["left"], row["right"], time: Timestamp(millisecondsSinceEpoch: row["time"])))
                    }
                }
                return Array(links)
            }
        }
    }

    public func persons(of identifiers: [String]) async throws -> [String: String] {
        try await storeOperation {
            try await pool.read { db in
                var persons: [String: String] = [:]
                for (chunk, marks) in Self.chunks(identifiers, size: 900) {
                    for row in try Row.fetchAll(
                        db, sql: "SELECT identifier, person FROM identity_persons WHERE identifier IN (\(marks))",
                        arguments: StatementArguments(Array(chunk)))
                    {
                        persons[row["identifier"]] = row["person"]
                    }
                }
                return persons
            }
        }
    }

    public func identifiers(inPersons persons: [String]) async throws -> [String] {
        try await storeOperation {
            try await pool.read { db in
                var identifiers: [String] = []
                for (chunk, marks) in Self.chunks(persons, size: 900) {
                    identifiers += try String.fetchAll(
                        db,
                        sql: "SELECT identifier FROM identity_persons WHERE person IN (\(marks)) ORDER BY identifier",
                        arguments: StatementArguments(Array(chunk)))
                }
                return identifiers
            }
        }
    }

    public func dirtyCount() async throws -> Int {
        try await storeOperation {
            try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM identity_dirty") ?? 0 }
        }
    }

    public func forEachIdentityLink(batchSize: Int, _ body: ([IdentityLink]) throws -> Void) async throws {
        try await storeOperation {
            try pool.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql:
                        #"SELECT "left", "right", MIN(time) AS time FROM identity_links GROUP BY "left", "right" ORDER BY time"#
                )
                var batch: [IdentityLink] = []
                batch.reserveCapacity(batchSize)
                while let row = try rows.next() {
                    batch.append(
                        IdentityLink(row["left"], row["right"], time: Timestamp(millisecondsSinceEpoch: row["time"])))
                    if batch.count >= batchSize {
                        try body(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try body(batch) }
            }
        }
    }

    public func replaceAllPersons(batchSize: Int, _ persons: ([String]) throws -> [String: String]) async throws {
        try await storeOperation {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM identity_persons")
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO identity_persons (identifier, person) VALUES (?, ?)")
                let identifiers = try String.fetchCursor(
                    db, sql: #"SELECT "left" FROM identity_links UNION SELECT "right" FROM identity_links"#)
                var batch: [String] = []
                func flush() throws {
                    for (identifier, person) in try persons(batch) {
                        try insert.execute(arguments: [identifier, person])
                    }
                    batch.removeAll(keepingCapacity: true)
                }
                while let identifier = try identifiers.next() {
                    batch.append(identifier)
                    if batch.count >= batchSize { try flush() }
                }
                try flush()
                try db.execute(sql: "DELETE FROM identity_dirty")
            }
        }
    }

    public func saveResolution(_ persons: [String: String?], resolved: [String]) async throws {
        try await storeOperation {
            try await pool.write { db in
                let upsert = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO identity_persons (identifier, person) VALUES (?, ?)")
                let remove = try db.cachedStatement(sql: "DELETE FROM identity_persons WHERE identifier = ?")
                for (identifier, person) in persons {
                    if let person {
                        try upsert.execute(arguments: [identifier, person])
                    } else {
                        try remove.execute(arguments: [identifier])
                    }
                }
                let clear = try db.cachedStatement(sql: "DELETE FROM identity_dirty WHERE identifier = ?")
                for identifier in resolved { try clear.execute(arguments: [identifier]) }
            }
        }
    }

    // MARK: RunStore

    public func beginRun(command: String, startedAt: Timestamp, processID: Int32?) async throws -> Int64 {
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO runs (command, started_at, status, summary, process_id) VALUES (?, ?, 'running', '{}', ?)
                        """,
                    arguments: [command, startedAt.millisecondsSinceEpoch, processID])
                return db.lastInsertedRowID
            }
        }
    }

    public func finishRun(id: Int64, finishedAt: Timestamp, status: RunRecord.Status, summary: [String: Int])
        async throws
    {
        let json = String(decoding: try JSONEncoder.sorted.encode(summary), as: UTF8.self)
        try await storeOperation {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
                    arguments: [finishedAt.millisecondsSinceEpoch, status.rawValue, json, id])
            }
        }
    }

    public func recentRuns(limit: Int) async throws -> [RunRecord] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                    row in
                    let summaryText: String = row["summary"]
                    let summary = (try? JSONDecoder().decode([String: Int].self, from: Data(summaryText.utf8))) ?? [:]
                    let finished: Int64? = row["finished_at"]
                    return RunRecord(
                        id: row["id"], command: row["command"],
                        startedAt: Timestamp(millisecondsSinceEpoch: row["started_at"]),
                        finishedAt: finished.map(Timestamp.init(millisecondsSinceEpoch:)),
                        status: RunRecord.Status(rawValue: row["status"]) ?? .failed, summary: summary,
                        processID: row["process_id"])
                }
            }
        }
    }

    // MARK: LedgerStore

    public func ledgerEntries() async throws -> [DedupKey: LedgerEntry] {
        try await storeOperation { try await pool.read { db in try LedgerTable.entries(db, where: .all) } }
    }

    public func ledgerEntries(connector: ConnectorName, deal: DealID) async throws -> [LedgerEntry] {
        try await storeOperation {
            try await pool.read { db in
                Array(try LedgerTable.entries(db, where: .deal(connector, deal)).values).sorted { $0.key < $1.key }
            }
        }
    }

    public func ledgerEntry(key: DedupKey) async throws -> LedgerEntry? {
        try await storeOperation { try await pool.read { db in try LedgerTable.entries(db, where: .key(key))[key] } }
    }

    public func record(_ entries: [LedgerEntry], note: String) async throws {
        try await storeOperation { try await pool.write { db in try LedgerTable.record(entries, note: note, db: db) } }
    }

    public func ledgerCounts() async throws -> [Platform: [LedgerEntry.State: Int]] {
        try await storeOperation {
            try await pool.read { db in
                var counts: [Platform: [LedgerEntry.State: Int]] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT platform, state, COUNT(*) AS n FROM ledger GROUP BY platform, state")
                {
                    guard let platform = Platform(rawValue: row["platform"]),
                        let state = LedgerEntry.State(rawValue: row["state"])
                    else { continue }
                    counts[platform, default: [:]][state] = row["n"]
                }
                return counts
            }
        }
    }

    public func markInFlight(_ entries: [LedgerEntry]) async throws {
        try await storeOperation { try await pool.write { db in try LedgerTable.record(entries, note: nil, db: db) } }
    }

    public func recordRequestStatuses(_ statuses: [RequestStatus]) async throws {
        try await storeOperation { try await pool.write { db in try LedgerTable.recordStatuses(statuses, db: db) } }
    }

    public func requestStatus(id: String) async throws -> RequestStatus? {
        try await storeOperation {
            try await pool.read { db in
                try LedgerTable.statuses(
                    db, sql: "SELECT * FROM request_statuses WHERE request_id = ?", arguments: [id]
                ).first
            }
        }
    }

    public func pendingRequestStatuses(platform: Platform) async throws -> [RequestStatus] {
        try await storeOperation {
            try await pool.read { db in
                try LedgerTable.statuses(
                    db,
                    sql: """
                        SELECT * FROM request_statuses WHERE platform = ? AND state IN ('PROCESSING', 'UNKNOWN')
                        ORDER BY checked_at, request_id
                        """, arguments: [platform.rawValue])
            }
        }
    }

    public func ledgerHistory(key: DedupKey) async throws -> [LedgerEvent] {
        try await storeOperation { try await pool.read { db in try LedgerTable.history(key: key, db: db) } }
    }

    /// Values in slices small enough for one statement's `IN (...)`, each with its `?,?,...` placeholders
    /// (SQLite caps the variables a statement may bind).
    static func chunks(_ values: [String], size: Int) -> [(ArraySlice<String>, String)] {
        stride(from: 0, to: values.count, by: size).map { start in
            let chunk = values[start..<min(start + size, values.count)]
            return (chunk, Array(repeating: "?", count: chunk.count).joined(separator: ","))
        }
    }

    /// Runs a GRDB operation, turning its errors into `StoreError`s that name the store file.
    func storeOperation<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.databaseFailed, "the store at \(path) failed: \(error)")
        }
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, so stored JSON is stable byte for byte.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
