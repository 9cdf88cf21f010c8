internal import GRDB
internal import RevloopCore

/// Upserts of snapshot records inside a write transaction, with prepared statements cached per
/// connection (a million-deal pull runs these tens of millions of times).
enum SnapshotWriter {
    static func upsert(_ pipeline: Pipeline, connector: String, db: Database) throws -> RecordTally {
        let existing = try SnapshotReader.pipeline(connector: connector, id: pipeline.id.rawValue, db: db)
        if existing == pipeline { return RecordTally(unchanged: 1) }
        try db.execute(
            sql: "DELETE FROM stages WHERE connector = ? AND pipeline_id = ?",
            arguments: [connector, pipeline.id.rawValue])
        try db.execute(
            sql: "INSERT OR REPLACE INTO pipelines (connector, id, label) VALUES (?, ?, ?)",
            arguments: [connector, pipeline.id.rawValue, pipeline.label])
        for (position, stage) in pipeline.stages.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO stages (connector, pipeline_id, id, position, label, win_probability, is_closed, is_won)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    connector, pipeline.id.rawValue, stage.id.rawValue, position, stage.label, stage.winProbability,
                    stage.isClosed, stage.isWon,
                ])
        }
        return existing == nil ? RecordTally(inserted: 1) : RecordTally(updated: 1)
    }

    static func upsert(_ company: Company, connector: String, db: Database) throws -> RecordTally {
        let stored = try storedUpdatedAt(table: "companies", connector: connector, id: company.id.rawValue, db: db)
        if let stored, stored >= company.updatedAt.millisecondsSinceEpoch { return RecordTally(unchanged: 1) }
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO companies
                (connector, id, name, domain, country_code, industry, employee_count, created_at, updated_at,
                revenue_band)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            connector, company.id.rawValue, company.name, company.domain, company.countryCode, company.industry,
            company.employeeCount, company.createdAt.millisecondsSinceEpoch, company.updatedAt.millisecondsSinceEpoch,
            company.revenueBand,
        ])
        return stored == nil ? RecordTally(inserted: 1) : RecordTally(updated: 1)
    }

    static func upsert(_ contact: Contact, connector: String, db: Database) throws -> RecordTally {
        let stored = try storedUpdatedAt(table: "contacts", connector: connector, id: contact.id.rawValue, db: db)
        if let stored, stored >= contact.updatedAt.millisecondsSinceEpoch { return RecordTally(unchanged: 1) }
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO contacts
                (connector, id, company_id, country_code, region, postal_code, consent_ad_user_data,
                 consent_ad_personalization, limited_data_use, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            connector, contact.id.rawValue, contact.companyID?.rawValue, contact.countryCode, contact.region,
            contact.postalCode, contact.consent.adUserData.rawValue, contact.consent.adPersonalization.rawValue,
            contact.consent.limitedDataUse, contact.createdAt.millisecondsSinceEpoch,
            contact.updatedAt.millisecondsSinceEpoch,
        ])
        if stored != nil {
            try db.cachedStatement(sql: "DELETE FROM contact_identifiers WHERE connector = ? AND contact_id = ?")
                .execute(arguments: [connector, contact.id.rawValue])
        }
        let insertIdentifier = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO contact_identifiers (connector, contact_id, kind, sha256) VALUES (?, ?, ?, ?)")
        for identifier in contact.identifiers {
            try insertIdentifier.execute(arguments: [
                connector, contact.id.rawValue, identifier.kind.rawValue, identifier.sha256Hex,
            ])
        }
        let name = ConnectorName(connector)
        try IdentityLinkWriter.replace(
            source: IdentityLink.contactSource(connector: name, contact: contact.id),
            with: IdentityLink.links(of: contact, connector: name), db: db)
        return stored == nil ? RecordTally(inserted: 1) : RecordTally(updated: 1)
    }

    static func upsert(_ clickID: ClickID, connector: String, db: Database) throws -> RecordTally {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO click_ids (connector, contact_id, kind, value, clicked_at) VALUES (?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            connector, clickID.contactID.rawValue, clickID.kind.rawValue, clickID.value,
            clickID.clickedAt.millisecondsSinceEpoch,
        ])
        guard db.changesCount > 0 else { return RecordTally(unchanged: 1) }
        let (source, link) = IdentityLink.link(of: clickID, connector: ConnectorName(connector))
        try IdentityLinkWriter.replace(source: source, with: [link], db: db)
        return RecordTally(inserted: 1)
    }

    static func insert(_ activity: Activity, connector: String, db: Database) throws -> RecordTally {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO activities
                (connector, contact_id, kind, occurred_at, depth, channel, campaign, referrer)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            connector, activity.contactID.rawValue, activity.kind.rawValue, activity.occurredAt.millisecondsSinceEpoch,
            activity.depth, activity.channel, activity.campaign, activity.referrer,
        ])
        return db.changesCount > 0 ? RecordTally(inserted: 1) : RecordTally(unchanged: 1)
    }

    /// Removes the activity with `activity`'s key (contact, kind, time), if stored.
    static func delete(_ activity: Activity, connector: String, db: Database) throws {
        try db.cachedStatement(
            sql: "DELETE FROM activities WHERE connector = ? AND contact_id = ? AND occurred_at = ? AND kind = ?"
        ).execute(arguments: [
            connector, activity.contactID.rawValue, activity.occurredAt.millisecondsSinceEpoch, activity.kind.rawValue,
        ])
    }

    /// Removes a contact with its identifiers, click ids, activities, deal links and the identity links it asserted.
    static func deleteContact(connector: ConnectorName, id: ContactID, db: Database) throws {
        let arguments: StatementArguments = [connector.rawValue, id.rawValue]
        try db.execute(sql: "DELETE FROM contacts WHERE connector = ? AND id = ?", arguments: arguments)
        try db.execute(
            sql: "DELETE FROM contact_identifiers WHERE connector = ? AND contact_id = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM click_ids WHERE connector = ? AND contact_id = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM activities WHERE connector = ? AND contact_id = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM deal_contacts WHERE connector = ? AND contact_id = ?", arguments: arguments)
        try IdentityLinkWriter.replace(
            source: IdentityLink.contactSource(connector: connector, contact: id), with: [], db: db)
        try IdentityLinkWriter.retract(sourcesWithPrefix: "click:\(connector.rawValue):\(id.rawValue):", db: db)
    }

    /// Folds `loser` into `survivor`: deals, click ids and activities move over; the loser's record and links go.
    static func mergeContact(connector: ConnectorName, loser: ContactID, survivor: ContactID, db: Database) throws {
        let clicks = try SnapshotReader.clickIDs(connector: connector, contact: loser, db: db)
        let activities = try SnapshotReader.activities(connector: connector, contacts: [loser], db: db)[loser] ?? []
        try db.execute(
            sql: "UPDATE deal_contacts SET contact_id = ? WHERE connector = ? AND contact_id = ?",
            arguments: [survivor.rawValue, connector.rawValue, loser.rawValue])
        // A deal that listed both keeps the survivor once, where it first stood.
        try db.execute(
            sql: """
                DELETE FROM deal_contacts WHERE connector = ? AND contact_id = ? AND EXISTS (
                    SELECT 1 FROM deal_contacts AS earlier
                    WHERE earlier.connector = deal_contacts.connector AND earlier.deal_id = deal_contacts.deal_id
                        AND earlier.contact_id = deal_contacts.contact_id AND earlier.position < deal_contacts.position)
                """,
            arguments: [connector.rawValue, survivor.rawValue])
        try deleteContact(connector: connector, id: loser, db: db)
        for click in clicks {
            var moved = click
            moved.contactID = survivor
            _ = try upsert(moved, connector: connector.rawValue, db: db)
        }
        for activity in activities {
            var moved = activity
            moved.contactID = survivor
            _ = try insert(moved, connector: connector.rawValue, db: db)
        }
    }

    static func upsert(_ deal: Deal, connector: String, db: Database) throws -> RecordTally {
        let id = deal.id.rawValue
        let stored = try storedUpdatedAt(table: "deals", connector: connector, id: id, db: db)
        if let stored, stored >= deal.updatedAt.millisecondsSinceEpoch { return RecordTally(unchanged: 1) }
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO deals
                (connector, id, pipeline_id, stage_id, amount_minor, currency, created_at, updated_at, close_date,
                 company_id, is_deleted, lost_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            connector, id, deal.pipelineID.rawValue, deal.stageID.rawValue, deal.amount?.minorUnits,
            deal.amount?.currency.code, deal.createdAt.millisecondsSinceEpoch, deal.updatedAt.millisecondsSinceEpoch,
            deal.closeDate?.daysSinceEpoch, deal.companyID?.rawValue, deal.isDeleted, deal.lostReason,
        ])
        if stored != nil {
            for table in ["deal_contacts", "stage_transitions", "amount_changes"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE connector = ? AND deal_id = ?")
                    .execute(arguments: [connector, id])
            }
        }
        let insertContact = try db.cachedStatement(
            sql: "INSERT INTO deal_contacts (connector, deal_id, position, contact_id) VALUES (?, ?, ?, ?)")
        for (position, contact) in deal.contactIDs.enumerated() {
            try insertContact.execute(arguments: [connector, id, position, contact.rawValue])
        }
        let insertTransition = try db.cachedStatement(
            sql:
                "INSERT INTO stage_transitions (connector, deal_id, position, stage_id, entered_at) VALUES (?, ?, ?, ?, ?)"
        )
        for (position, transition) in deal.stageHistory.enumerated() {
            try insertTransition.execute(arguments: [
                connector, id, position, transition.stageID.rawValue, transition.enteredAt.millisecondsSinceEpoch,
            ])
        }
        let insertAmount = try db.cachedStatement(
            sql: """
                INSERT INTO amount_changes (connector, deal_id, position, amount_minor, currency, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (position, change) in deal.amountHistory.enumerated() {
            try insertAmount.execute(arguments: [
                connector, id, position, change.amount.minorUnits, change.amount.currency.code,
                change.changedAt.millisecondsSinceEpoch,
            ])
        }
        return stored == nil ? RecordTally(inserted: 1) : RecordTally(updated: 1)
    }

    static func save(_ cursors: [PullCursor], db: Database) throws {
        for cursor in cursors {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO cursors (connector, stream, value) VALUES (?, ?, ?)")
                .execute(arguments: [cursor.connector.rawValue, cursor.stream, cursor.value])
        }
    }

    private static func storedUpdatedAt(table: String, connector: String, id: String, db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT updated_at FROM \(table) WHERE connector = ? AND id = ?"),
            arguments: [connector, id])
    }
}
