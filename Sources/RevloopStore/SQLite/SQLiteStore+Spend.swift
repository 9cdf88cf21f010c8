internal import GRDB
public import RevloopCore

extension SQLiteStore: SpendStore {
    public func saveSpend(_ rows: [SpendRow]) async throws {
        guard !rows.isEmpty else { return }
        try await storeOperation {
            try await pool.write { db in
                for row in rows {
                    try db.execute(
                        sql: """
                            INSERT INTO spend (channel, campaign, day, currency, spend_minor, impressions, clicks,
                                campaign_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (channel, campaign, day) DO UPDATE SET currency = excluded.currency,
                                spend_minor = excluded.spend_minor, impressions = excluded.impressions,
                                clicks = excluded.clicks, campaign_id = excluded.campaign_id
                            """,
                        arguments: [
                            row.channel, row.campaign, row.day.daysSinceEpoch, row.spend.currency.code,
                            row.spend.minorUnits, row.impressions, row.clicks, row.campaignID,
                        ])
                }
            }
        }
    }

    public func spend(from: CalendarDay?, through: CalendarDay?) async throws -> [SpendRow] {
        try await storeOperation {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT channel, campaign, day, currency, spend_minor, impressions, clicks, campaign_id
                        FROM spend
                        WHERE day >= ? AND day <= ? ORDER BY day, channel, campaign
                        """,
                    arguments: [from?.daysSinceEpoch ?? Int64.min, through?.daysSinceEpoch ?? Int64.max]
                ).compactMap { row in
                    guard let currency = CurrencyCode(row["currency"] as String) else { return nil }
                    return SpendRow(
                        day: CalendarDay(daysSinceEpoch: row["day"]), channel: row["channel"],
                        campaign: row["campaign"],
                        spend: Money(minorUnits: row["spend_minor"], currency: currency),
                        impressions: row["impressions"], clicks: row["clicks"], campaignID: row["campaign_id"])
                }
            }
        }
    }
}
