internal import GRDB
internal import RevloopCore

/// Reads of snapshot records, rebuilding domain values from rows.
enum SnapshotReader {
    static func counts(_ db: Database) throws -> SnapshotCounts {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        var counts = SnapshotCounts()
        counts.pipelines = try count("SELECT COUNT(*) FROM pipelines")
        counts.stages = try count("SELECT COUNT(*) FROM stages")
        counts.companies = try count("SELECT COUNT(*) FROM companies")
        counts.contacts = try count("SELECT COUNT(*) FROM contacts")
        counts.contactIdentifiers = try count("SELECT COUNT(*) FROM contact_identifiers")
        counts.clickIDs = try count("SELECT COUNT(*) FROM click_ids")
        counts.activities = try count("SELECT COUNT(*) FROM activities")
        counts.deals = try count("SELECT COUNT(*) FROM deals")
        counts.deletedDeals = try count("SELECT COUNT(*) FROM deals WHERE is_deleted")
        counts.dealContacts = try count("SELECT COUNT(*) FROM deal_contacts")
        counts.stageTransitions = try count("SELECT COUNT(*) FROM stage_transitions")
        counts.amountChanges = try count("SELECT COUNT(*) FROM amount_changes")
        return counts
    }

    static func pipeline(connector: String, id: String, db: Database) throws -> Pipeline? {
        guard
            let label = try String.fetchOne(
                db, sql: "SELECT label FROM pipelines WHERE connector = ? AND id = ?", arguments: [connector, id])
        else { return nil }
        let stages = try Row.fetchAll(
            db, sql: "SELECT * FROM stages WHERE connector = ? AND pipeline_id = ? ORDER BY position",
            arguments: [connector, id]
        ).map { row in
            PipelineStage(
                id: StageID(row["id"] as String), label: row["label"], winProbability: row["win_probability"],
                isClosed: row["is_closed"], isWon: row["is_won"])
        }
        return Pipeline(id: PipelineID(id), label: label, stages: stages)
    }

    static func pipelines(connector: ConnectorName, db: Database) throws -> [Pipeline] {
        try String.fetchAll(
            db, sql: "SELECT id FROM pipelines WHERE connector = ? ORDER BY id", arguments: [connector.rawValue]
        ).compactMap { try pipeline(connector: connector.rawValue, id: $0, db: db) }
    }

    static func contact(connector: ConnectorName, id: ContactID, db: Database) throws -> Contact? {
        try contacts(connector: connector, ids: [id], db: db).first
    }

    /// A page of contacts in id order, after `after`.
    static func contacts(connector: ConnectorName, after: ContactID?, limit: Int, db: Database) throws -> [Contact] {
        let ids = try String.fetchAll(
            db, sql: "SELECT id FROM contacts WHERE connector = ? AND id > ? ORDER BY id LIMIT ?",
            arguments: [connector.rawValue, after?.rawValue ?? "", limit])
        return try contacts(connector: connector, ids: ids.map(ContactID.init), db: db)
    }

    /// The stored contacts among `ids` (missing ones are left out), in id order.
    static func contacts(connector: ConnectorName, ids: [ContactID], db: Database) throws -> [Contact] {
        var contacts: [Contact] = []
        for (chunk, placeholders) in SQLiteStore.chunks(ids.map(\.rawValue), size: 500) {
            let arguments = StatementArguments([connector.rawValue] + Array(chunk))
            var identifiers: [String: [HashedIdentifier]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT contact_id, kind, sha256 FROM contact_identifiers
                    WHERE connector = ? AND contact_id IN (\(placeholders)) ORDER BY contact_id, kind, sha256
                    """, arguments: arguments)
            {
                guard let kind = HashedIdentifier.Kind(rawValue: row["kind"]) else { continue }
                identifiers[row["contact_id"], default: []].append(
                    HashedIdentifier(kind: kind, sha256Hex: row["sha256"]))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM contacts WHERE connector = ? AND id IN (\(placeholders)) ORDER BY id",
                arguments: arguments)
            {
                let id: String = row["id"]
                let companyID: String? = row["company_id"]
                contacts.append(
                    Contact(
                        id: ContactID(id), companyID: companyID.map(CompanyID.init), identifiers: identifiers[id] ?? [],
                        countryCode: row["country_code"], region: row["region"], postalCode: row["postal_code"],
                        consent: Consent(
                            adUserData: ConsentState(rawValue: row["consent_ad_user_data"]) ?? .unknown,
                            adPersonalization: ConsentState(rawValue: row["consent_ad_personalization"]) ?? .unknown,
                            limitedDataUse: row["limited_data_use"]),
                        createdAt: Timestamp(millisecondsSinceEpoch: row["created_at"]),
                        updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"])))
            }
        }
        return contacts
    }

    static func clickIDs(connector: ConnectorName, contact: ContactID, db: Database) throws -> [ClickID] {
        try clickIDs(connector: connector, contacts: [contact], db: db)[contact] ?? []
    }

    /// The click ids of each of `contacts`, oldest first.
    static func clickIDs(connector: ConnectorName, contacts: [ContactID], db: Database) throws -> [ContactID: [ClickID]]
    {
        var clicks: [ContactID: [ClickID]] = [:]
        for (chunk, placeholders) in SQLiteStore.chunks(contacts.map(\.rawValue), size: 500) {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM click_ids WHERE connector = ? AND contact_id IN (\(placeholders))
                    ORDER BY contact_id, clicked_at, kind, value
                    """, arguments: StatementArguments([connector.rawValue] + Array(chunk)))
            {
                guard let kind = ClickIDKind(rawValue: row["kind"]) else { continue }
                let contact = ContactID(row["contact_id"] as String)
                clicks[contact, default: []].append(
                    ClickID(
                        contactID: contact, kind: kind, value: row["value"],
                        clickedAt: Timestamp(millisecondsSinceEpoch: row["clicked_at"])))
            }
        }
        return clicks
    }

    /// The stored companies among `ids`, in id order.
    static func companies(connector: ConnectorName, ids: [CompanyID], db: Database) throws -> [Company] {
        var companies: [Company] = []
        for (chunk, placeholders) in SQLiteStore.chunks(ids.map(\.rawValue), size: 500) {
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM companies WHERE connector = ? AND id IN (\(placeholders)) ORDER BY id",
                arguments: StatementArguments([connector.rawValue] + Array(chunk)))
            {
                companies.append(
                    Company(
                        id: CompanyID(row["id"] as String), name: row["name"], domain: row["domain"],
                        countryCode: row["country_code"], industry: row["industry"],
                        employeeCount: row["employee_count"],
                        createdAt: Timestamp(millisecondsSinceEpoch: row["created_at"]),
                        updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]),
                        revenueBand: row["revenue_band"]
                    ))
            }
        }
        return companies
    }

    /// The activities of each of `contacts`, oldest first.
    static func activities(connector: ConnectorName, contacts: [ContactID], db: Database) throws -> [ContactID:
        [Activity]]
    {
        var activities: [ContactID: [Activity]] = [:]
        for (chunk, placeholders) in SQLiteStore.chunks(contacts.map(\.rawValue), size: 500) {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM activities WHERE connector = ? AND contact_id IN (\(placeholders))
                    ORDER BY contact_id, occurred_at, kind
                    """, arguments: StatementArguments([connector.rawValue] + Array(chunk)))
            {
                guard let kind = ActivityKind(rawValue: row["kind"]) else { continue }
                let contact = ContactID(row["contact_id"] as String)
                activities[contact, default: []].append(
                    Activity(
                        contactID: contact, kind: kind,
                        occurredAt: Timestamp(millisecondsSinceEpoch: row["occurred_at"]),
                        depth: row["depth"], channel: row["channel"], campaign: row["campaign"],
                        referrer: row["referrer"]))
            }
        }
        return activities
    }

    static func deal(connector: ConnectorName, id: DealID, db: Database) throws -> Deal? {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM deals WHERE connector = ? AND id = ?", arguments: [connector.rawValue, id.rawValue])
        return try deals(rows, connector: connector, db: db).first
    }

    /// Up to `limit` deals with ids after `after`, in id order (keyset paging through the whole snapshot).
    static func deals(connector: ConnectorName, after: DealID?, limit: Int, db: Database) throws -> [Deal] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM deals WHERE connector = ? AND id > ? ORDER BY id LIMIT ?",
            arguments: [connector.rawValue, after?.rawValue ?? "", limit])
        return try deals(rows, connector: connector, db: db)
    }

    /// Deals from their `deals` rows, with contacts, stage history and amounts read in bulk.
    private static func deals(_ rows: [Row], connector: ConnectorName, db: Database) throws -> [Deal] {
        func money(_ minor: Int64?, _ currency: String?) -> Money? {
            guard let minor, let code = currency.flatMap({ CurrencyCode($0) }) else { return nil }
            return Money(minorUnits: minor, currency: code)
        }
        var contacts: [String: [ContactID]] = [:]
        var history: [String: [StageTransition]] = [:]
        var amounts: [String: [AmountChange]] = [:]
        for (chunk, placeholders) in SQLiteStore.chunks(rows.map { $0["id"] as String }, size: 500) {
            let arguments = StatementArguments([connector.rawValue] + Array(chunk))
            let scope = "connector = ? AND deal_id IN (\(placeholders)) ORDER BY deal_id, position"
            for row in try Row.fetchAll(
                db, sql: "SELECT deal_id, contact_id FROM deal_contacts WHERE \(scope)", arguments: arguments)
            {
                contacts[row["deal_id"], default: []].append(ContactID(row["contact_id"] as String))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT deal_id, stage_id, entered_at FROM stage_transitions WHERE \(scope)",
                arguments: arguments)
            {
                history[row["deal_id"], default: []].append(
                    StageTransition(
                        stageID: StageID(row["stage_id"] as String),
                        enteredAt: Timestamp(millisecondsSinceEpoch: row["entered_at"])))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM amount_changes WHERE \(scope)", arguments: arguments) {
                guard let amount = money(row["amount_minor"], row["currency"]) else { continue }
                amounts[row["deal_id"], default: []].append(
                    AmountChange(amount: amount, changedAt: Timestamp(millisecondsSinceEpoch: row["changed_at"])))
            }
        }
        return rows.map { row in
            let id: String = row["id"]
            let closeDate: Int64? = row["close_date"]
            let companyID: String? = row["company_id"]
            return Deal(
                id: DealID(id), pipelineID: PipelineID(row["pipeline_id"] as String),
                stageID: StageID(row["stage_id"] as String), amount: money(row["amount_minor"], row["currency"]),
                createdAt: Timestamp(millisecondsSinceEpoch: row["created_at"]),
                updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]),
                closeDate: closeDate.map(CalendarDay.init(daysSinceEpoch:)), companyID: companyID.map(CompanyID.init),
                contactIDs: contacts[id] ?? [], stageHistory: history[id] ?? [], amountHistory: amounts[id] ?? [],
                isDeleted: row["is_deleted"], lostReason: row["lost_reason"])
        }
    }
}
