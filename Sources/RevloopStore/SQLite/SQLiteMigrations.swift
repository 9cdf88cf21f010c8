internal import GRDB

/// The store's schema, as versioned migrations. A migration, once shipped, is never edited: changes
/// come as new migrations, so every store upgrades in place.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-snapshot-cursors-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pipelines (
                        connector TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
                        PRIMARY KEY (connector, id)) WITHOUT ROWID;
                    CREATE TABLE stages (
                        connector TEXT NOT NULL, pipeline_id TEXT NOT NULL, id TEXT NOT NULL,
                        position INTEGER NOT NULL, label TEXT NOT NULL, win_probability REAL NOT NULL,
                        is_closed INTEGER NOT NULL, is_won INTEGER NOT NULL,
                        PRIMARY KEY (connector, pipeline_id, id)) WITHOUT ROWID;
                    CREATE TABLE companies (
                        connector TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, domain TEXT,
                        country_code TEXT, industry TEXT, employee_count INTEGER,
                        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                        PRIMARY KEY (connector, id)) WITHOUT ROWID;
                    -- Contacts hold no plaintext email, phone or name: those live only as hashes in
                    -- contact_identifiers. Country, region and postal code are sent unhashed by Google.
                    CREATE TABLE contacts (
                        connector TEXT NOT NULL, id TEXT NOT NULL, company_id TEXT,
                        country_code TEXT, region TEXT, postal_code TEXT,
                        consent_ad_user_data TEXT NOT NULL, consent_ad_personalization TEXT NOT NULL,
                        limited_data_use INTEGER NOT NULL,
                        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                        PRIMARY KEY (connector, id)) WITHOUT ROWID;
                    CREATE TABLE contact_identifiers (
                        connector TEXT NOT NULL, contact_id TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
                        PRIMARY KEY (connector, contact_id, kind, sha256)) WITHOUT ROWID;
                    CREATE TABLE click_ids (
                        connector TEXT NOT NULL, contact_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
                        clicked_at INTEGER NOT NULL,
                        PRIMARY KEY (connector, contact_id, kind, value)) WITHOUT ROWID;
                    CREATE TABLE deals (
                        connector TEXT NOT NULL, id TEXT NOT NULL, pipeline_id TEXT NOT NULL, stage_id TEXT NOT NULL,
                        amount_minor INTEGER, currency TEXT, created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL, close_date INTEGER, company_id TEXT,
                        is_deleted INTEGER NOT NULL, lost_reason TEXT,
                        PRIMARY KEY (connector, id)) WITHOUT ROWID;
                    CREATE TABLE deal_contacts (
                        connector TEXT NOT NULL, deal_id TEXT NOT NULL, position INTEGER NOT NULL,
                        contact_id TEXT NOT NULL,
                        PRIMARY KEY (connector, deal_id, position)) WITHOUT ROWID;
                    CREATE TABLE stage_transitions (
                        connector TEXT NOT NULL, deal_id TEXT NOT NULL, position INTEGER NOT NULL,
                        stage_id TEXT NOT NULL, entered_at INTEGER NOT NULL,
                        PRIMARY KEY (connector, deal_id, position)) WITHOUT ROWID;
                    CREATE TABLE amount_changes (
                        connector TEXT NOT NULL, deal_id TEXT NOT NULL, position INTEGER NOT NULL,
                        amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, changed_at INTEGER NOT NULL,
                        PRIMARY KEY (connector, deal_id, position)) WITHOUT ROWID;
                    CREATE TABLE cursors (
                        connector TEXT NOT NULL, stream TEXT NOT NULL, value TEXT NOT NULL,
                        PRIMARY KEY (connector, stream)) WITHOUT ROWID;
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL, started_at INTEGER NOT NULL,
                        finished_at INTEGER, status TEXT NOT NULL, summary TEXT NOT NULL,
                        process_id INTEGER);
                    """)
        }
        migrator.registerMigration("v2-identity-graph") { db in
            try db.execute(
                sql: """
                    -- Links between identifiers (type:value; emails and phones as SHA-256 hex), per source.
                    CREATE TABLE identity_links (
                        source TEXT NOT NULL, "left" TEXT NOT NULL, "right" TEXT NOT NULL, time INTEGER NOT NULL,
                        PRIMARY KEY (source, "left", "right")) WITHOUT ROWID;
                    CREATE INDEX identity_links_by_left ON identity_links ("left");
                    CREATE INDEX identity_links_by_right ON identity_links ("right");
                    CREATE TABLE identity_persons (
                        identifier TEXT PRIMARY KEY NOT NULL, person TEXT NOT NULL) WITHOUT ROWID;
                    CREATE INDEX identity_persons_by_person ON identity_persons (person);
                    CREATE TABLE identity_dirty (identifier TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3-ledger") { db in
            try db.execute(
                sql: """
                    -- One row per conversion operation, keyed by its dedup key: what the platform holds.
                    -- Hashes and ids only: no email, phone or name ever reaches the ledger.
                    CREATE TABLE ledger (
                        key TEXT PRIMARY KEY NOT NULL, platform TEXT NOT NULL, goal TEXT NOT NULL,
                        connector TEXT NOT NULL, deal_id TEXT NOT NULL, stage_id TEXT NOT NULL, state TEXT NOT NULL,
                        value_minor INTEGER NOT NULL, currency TEXT NOT NULL, updated_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX ledger_by_deal ON ledger (connector, deal_id);
                    -- Every change of an operation, oldest first: its value history and why it changed.
                    CREATE TABLE ledger_history (
                        key TEXT NOT NULL, recorded_at INTEGER NOT NULL, state TEXT NOT NULL,
                        value_minor INTEGER NOT NULL, currency TEXT NOT NULL, note TEXT NOT NULL);
                    CREATE INDEX ledger_history_by_key ON ledger_history (key, recorded_at);
                    """)
        }
        migrator.registerMigration("v4-ledger-delivery") { db in
            try db.execute(
                sql: """
                    -- Delivery: attempts across runs, the platform's last answer and request id, and what the
                    -- platform held before the operation (so an interrupted restatement resumes as one).
                    -- A rowid table: a batch's rows are written side by side, and its settling updates touch
                    -- a few pages instead of one page per random dedup key.
                    CREATE TABLE ledger_v4 (
                        key TEXT NOT NULL UNIQUE, platform TEXT NOT NULL, goal TEXT NOT NULL,
                        connector TEXT NOT NULL, deal_id TEXT NOT NULL, stage_id TEXT NOT NULL, state TEXT NOT NULL,
                        value_minor INTEGER NOT NULL, currency TEXT NOT NULL, updated_at INTEGER NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0, last_code TEXT, request_id TEXT, held_minor INTEGER,
                        held_currency TEXT);
                    INSERT INTO ledger_v4 (key, platform, goal, connector, deal_id, stage_id, state, value_minor,
                        currency, updated_at)
                        SELECT key, platform, goal, connector, deal_id, stage_id, state, value_minor, currency,
                            updated_at FROM ledger ORDER BY key;
                    DROP TABLE ledger;
                    ALTER TABLE ledger_v4 RENAME TO ledger;
                    CREATE INDEX ledger_by_deal ON ledger (connector, deal_id);
                    ALTER TABLE ledger_history ADD COLUMN code TEXT;
                    ALTER TABLE ledger_history ADD COLUMN request_id TEXT;
                    -- What a platform reported later about an accepted request (Data Manager's processing).
                    CREATE TABLE request_statuses (
                        request_id TEXT PRIMARY KEY NOT NULL, platform TEXT NOT NULL, state TEXT NOT NULL,
                        records INTEGER NOT NULL, errors TEXT NOT NULL, checked_at INTEGER NOT NULL);
                    """)
        }
        migrator.registerMigration("v5-leases-pauses") { db in
            try db.execute(
                sql: """
                    -- Who may run a named piece of work until when (one scheduler's cycle at a time).
                    CREATE TABLE leases (
                        name TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL, expires_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    -- Kill switches set by `revloop pause`: a destination or destination/goal, and why.
                    CREATE TABLE pauses (
                        target TEXT PRIMARY KEY NOT NULL, reason TEXT NOT NULL, paused_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v6-alerts") { db in
            try db.execute(
                sql: """
                    -- Alerts raised after runs: what `status` shows, and what is not posted again too soon.
                    CREATE TABLE alerts (
                        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, text TEXT NOT NULL,
                        raised_at INTEGER NOT NULL, run_id INTEGER);
                    CREATE INDEX alerts_by_time ON alerts (raised_at);
                    """)
        }
        migrator.registerMigration("v7-spend") { db in
            try db.execute(
                sql: """
                    -- Daily spend per channel and campaign from the ad platforms' reporting APIs.
                    CREATE TABLE spend (
                        channel TEXT NOT NULL, campaign TEXT NOT NULL, day INTEGER NOT NULL, currency TEXT NOT NULL,
                        spend_minor INTEGER NOT NULL, impressions INTEGER NOT NULL, clicks INTEGER NOT NULL,
                        PRIMARY KEY (channel, campaign, day)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v8-scoring") { db in
            try db.execute(
                sql: """
                    -- Contacts' engagements, for scoring features computed as of a prediction's time.
                    CREATE TABLE activities (
                        connector TEXT NOT NULL, contact_id TEXT NOT NULL, kind TEXT NOT NULL,
                        occurred_at INTEGER NOT NULL, depth INTEGER, channel TEXT, campaign TEXT, referrer TEXT,
                        PRIMARY KEY (connector, contact_id, occurred_at, kind)) WITHOUT ROWID;
                    ALTER TABLE companies ADD COLUMN revenue_band TEXT;
                    -- The version of the win-probability model that valued an operation (`predicted` goals).
                    ALTER TABLE ledger ADD COLUMN model_version TEXT;
                    -- Trained models: one active per purpose; the model itself is its JSON document.
                    CREATE TABLE scoring_models (
                        version TEXT PRIMARY KEY NOT NULL, purpose TEXT NOT NULL, kind TEXT NOT NULL,
                        trained_at INTEGER NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,
                        fingerprint TEXT NOT NULL, rows INTEGER NOT NULL, metrics TEXT NOT NULL,
                        model TEXT NOT NULL, drift_reference TEXT, is_active INTEGER NOT NULL DEFAULT 0,
                        activated_at INTEGER, stopped_reason TEXT) WITHOUT ROWID;
                    CREATE INDEX scoring_models_by_purpose ON scoring_models (purpose, trained_at);
                    """)
        }
        migrator.registerMigration("v9-personalization") { db in
            try db.execute(
                sql: """
                    -- The personalization engine's decision log: every decision with the propensity of the block
                    -- shown first and the context columns it was made in (for delayed rewards and off-policy
                    -- evaluation). Visitor ids are the surface's ids (cookies, CRM ids): never emails or names.
                    -- Lists are stored joined by U+001F.
                    CREATE TABLE personalization_decisions (
                        sequence INTEGER PRIMARY KEY, decision_id TEXT NOT NULL UNIQUE, visitor_id TEXT NOT NULL,
                        surface TEXT NOT NULL, time INTEGER NOT NULL, mode TEXT NOT NULL, blocks TEXT NOT NULL,
                        propensity REAL NOT NULL, eligible TEXT NOT NULL, features TEXT NOT NULL,
                        policy_version TEXT NOT NULL);
                    CREATE INDEX personalization_decisions_by_time ON personalization_decisions (time);
                    CREATE INDEX personalization_decisions_by_visitor ON personalization_decisions (visitor_id, time);
                    -- Rewards, each (decision, block, kind) once.
                    CREATE TABLE personalization_outcomes (
                        sequence INTEGER PRIMARY KEY, decision_id TEXT NOT NULL, block_id TEXT NOT NULL,
                        kind TEXT NOT NULL, reward REAL NOT NULL, time INTEGER NOT NULL,
                        UNIQUE (decision_id, block_id, kind));
                    -- The latest model snapshot: the posterior after every log entry up to `sequence`.
                    CREATE TABLE personalization_snapshots (
                        id INTEGER PRIMARY KEY CHECK (id = 1), sequence INTEGER NOT NULL, data BLOB NOT NULL);
                    -- Guardrail flags (competitor, existing_customer, do_not_personalize) and profile attributes
                    -- (persona, lead_score, ...) per identity-graph identifier (type:value).
                    CREATE TABLE personalization_flags (
                        identifier TEXT NOT NULL, flag TEXT NOT NULL, PRIMARY KEY (identifier, flag)) WITHOUT ROWID;
                    CREATE TABLE personalization_attributes (
                        identifier TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
                        PRIMARY KEY (identifier, name)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v10-spend-campaign-id") { db in
            try db.execute(
                sql: """
                    -- The platform's campaign id beside its name: outcomes match campaigns by id first.
                    ALTER TABLE spend ADD COLUMN campaign_id TEXT;
                    """)
        }
        return migrator
    }
}
