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
        let arguments: StatementArguments = [connector.rawValue, id.rawValue]
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM contacts WHERE connector = ? AND id = ?", arguments: arguments)
        else { return nil }
        let identifiers = try Row.fetchAll(
            db,
            sql:
                "SELECT kind, sha256 FROM contact_identifiers WHERE connector = ? AND contact_id = ? ORDER BY kind, sha256",
            arguments: arguments
        ).compactMap { row -> HashedIdentifier? in
            guard let kind = HashedIdentifier.Kind(rawValue: row["kind"]) else { return nil }
            return HashedIdentifier(kind: kind, sha256Hex: row["sha256"])
        }
        let companyID: String? = row["company_id"]
        return Contact(
            id: id, companyID: companyID.map(CompanyID.init), identifiers: identifiers,
            countryCode: row["country_code"],
            region: row["region"], postalCode: row["postal_code"],
            consent: Consent(
                adUserData: ConsentState(rawValue: row["consent_ad_user_data"]) ?? .unknown,
                adPersonalization: ConsentState(rawValue: row["consent_ad_personalization"]) ?? .unknown,
                limitedDataUse: row["limited_data_use"]),
            createdAt: Timestamp(millisecondsSinceEpoch: row["created_at"]),
            updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]))
    }

    static func clickIDs(connector: ConnectorName, contact: ContactID, db: Database) throws -> [ClickID] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM click_ids WHERE connector = ? AND contact_id = ? ORDER BY clicked_at, kind, value",
            arguments: [connector.rawValue, contact.rawValue]
        ).compactMap { row in
            guard let kind = ClickIDKind(rawValue: row["kind"]) else { return nil }
            return ClickID(
                contactID: contact, kind: kind, value: row["value"],
                clickedAt: Timestamp(millisecondsSinceEpoch: row["clicked_at"]))
        }
    }

    static func deal(connector: ConnectorName, id: DealID, db: Database) throws -> Deal? {
        let arguments: StatementArguments = [connector.rawValue, id.rawValue]
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM deals WHERE connector = ? AND id = ?", arguments: arguments)
        else { return nil }
        func money(_ minor: Int64?, _ currency: String?) -> Money? {
            guard let minor, let code = currency.flatMap({ CurrencyCode($0) }) else { return nil }
            return Money(minorUnits: minor, currency: code)
        }
        let contacts = try String.fetchAll(
            db, sql: "SELECT contact_id FROM deal_contacts WHERE connector = ? AND deal_id = ? ORDER BY position",
            arguments: arguments
        ).map(ContactID.init)
        let history = try Row.fetchAll(
            db,
            sql:
                "SELECT stage_id, entered_at FROM stage_transitions WHERE connector = ? AND deal_id = ? ORDER BY position",
            arguments: arguments
        ).map {
            StageTransition(
                stageID: StageID($0["stage_id"] as String),
                enteredAt: Timestamp(millisecondsSinceEpoch: $0["entered_at"]))
        }
        let amounts = try Row.fetchAll(
            db, sql: "SELECT * FROM amount_changes WHERE connector = ? AND deal_id = ? ORDER BY position",
            arguments: arguments
        ).compactMap { row -> AmountChange? in
            guard let amount = money(row["amount_minor"], row["currency"]) else { return nil }
            return AmountChange(amount: amount, changedAt: Timestamp(millisecondsSinceEpoch: row["changed_at"]))
        }
        let closeDate: Int64? = row["close_date"]
        let companyID: String? = row["company_id"]
        return Deal(
            id: id, pipelineID: PipelineID(row["pipeline_id"] as String), stageID: StageID(row["stage_id"] as String),
            amount: money(row["amount_minor"], row["currency"]),
            createdAt: Timestamp(millisecondsSinceEpoch: row["created_at"]),
            updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]),
            closeDate: closeDate.map(CalendarDay.init(daysSinceEpoch:)), companyID: companyID.map(CompanyID.init),
            contactIDs: contacts, stageHistory: history, amountHistory: amounts, isDeleted: row["is_deleted"],
            lostReason: row["lost_reason"])
    }
}
