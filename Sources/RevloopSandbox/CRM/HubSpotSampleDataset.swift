internal import Foundation
internal import RevloopConnectors
public import RevloopCore

/// The sample generator's deals and contacts as HubSpot holds them: numeric ids (`d-17` is deal 17,
/// `ct-5` contact 5), string properties, stage and amount histories for `propertiesWithHistory`, the
/// click ids in HubSpot's contact properties, the sample's deleted deals archived, and its sales-led
/// activities as meetings, calls and emails associated with their contacts (plus, for every fifth deal with
/// any, an inbound email from its contact, which is no sales touch).
public enum HubSpotSampleDataset {
    /// The dataset for the sample of `seed` with `dealCount` deals, anchored at `anchor`.
    public static func make(seed: UInt64, dealCount: Int, anchor: CalendarDay) -> HubSpotDataset {
        var deals: [HubSpotRecord] = []
        var contacts: [HubSpotRecord] = []
        var associations: [Int64: [Int64]] = [:]
        var engagements = HubSpotEngagements()
        var dealIndex = 0
        deals.reserveCapacity(dealCount)
        let stages = Dictionary(
            SampleGenerator.pipelines.flatMap(\.stages).map { ($0.id.rawValue, $0) }, uniquingKeysWith: { $1 })
        SampleGenerator(seed: seed, dealCount: dealCount, anchor: anchor).forEachDeal { rows in
            let clicks = rows.clicksByContact
            var contactIDs: [Int64] = []
            for row in rows.contacts {
                guard let contact = contact(SampleDealRows.fields(row), clicks: clicks) else { continue }
                contactIDs.append(contact.id)
                contacts.append(contact)
            }
            let activities = rows.salesLedActivities.compactMap { activity in
                numericID(activity.contactID).flatMap { contactIDs.contains($0) ? (activity, $0) : nil }
            }
            for (activity, contact) in activities { engagements.log(activity, contact: contact) }
            if dealIndex % 5 == 0, let (first, contact) = activities.first {
                engagements.logIncomingEmail(contact: contact, at: first.occurredAt)
            }
            dealIndex += 1
            guard let deal = deal(rows.deal, stages: stages) else { return }
            associations[deal.id] = contactIDs
            deals.append(deal)
        }
        return HubSpotDataset(
            deals: deals, contacts: contacts, associations: associations, pipelines: SampleGenerator.pipelines,
            engagements: engagements)
    }

    static func numericID(_ text: String) -> Int64? {
        Int64(text.drop { !$0.isNumber })
    }

    static func milliseconds(_ value: Any?) -> Int64? {
        (value as? String).flatMap { RFC3339.parse($0)?.millisecondsSinceEpoch }
    }

    private static func deal(_ line: String, stages: [String: PipelineStage]) -> HubSpotRecord? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
            let id = (object["deal_id"] as? String).flatMap(numericID),
            let created = milliseconds(object["created_at"]), var updated = milliseconds(object["updated_at"]),
            let stage = object["stage_id"] as? String
        else { return nil }
        var properties: [String: String] = [
            "dealname": "Deal \(id)", "pipeline": object["pipeline_id"] as? String ?? "default", "dealstage": stage,
            "amount": object["amount"] as? String ?? "", "deal_currency_code": object["currency"] as? String ?? "USD",
        ]
        if let metadata = stages[stage] {
            properties["hs_is_closed"] = metadata.isClosed ? "true" : "false"
            properties["hs_is_closed_won"] = metadata.isWon ? "true" : "false"
            properties["hs_deal_stage_probability"] = String(metadata.winProbability)
        }
        if let day = object["close_date"] as? String { properties["closedate"] = day + "T00:00:00.000Z" }
        if let reason = object["lost_reason"] as? String { properties["closed_lost_reason"] = reason }
        var stageHistory: [HubSpotHistoryEntry] = []
        for entry in object["stage_history"] as? [[String: Any]] ?? [] {
            guard let stage = entry["stage_id"] as? String, let at = milliseconds(entry["entered_at"]) else { continue }
            stageHistory.append(HubSpotHistoryEntry(value: stage, timestamp: at))
            // A stage entered again keeps its latest entry time.
            properties["hs_v2_date_entered_\(stage)"] = HubSpotRecord.wireTime(at)
        }
        var amountHistory: [HubSpotHistoryEntry] = []
        for entry in object["amount_history"] as? [[String: Any]] ?? [] {
            guard let amount = entry["amount"] as? String, let at = milliseconds(entry["changed_at"]) else { continue }
            amountHistory.append(HubSpotHistoryEntry(value: amount, timestamp: at))
        }
        var archivedAt: Int64?
        if object["is_deleted"] as? Bool == true {
            // Deleting is the last change a deal sees.
            archivedAt = updated + 3_600_000
            updated = archivedAt ?? updated
        }
        return HubSpotRecord(
            id: id, properties: properties, createdAt: created, updatedAt: updated, archivedAt: archivedAt,
            history: ["dealstage": stageHistory.reversed(), "amount": amountHistory.reversed()])
    }

    /// A `contacts.csv` row (columns as `ExportFormat.contactColumns`), with its click ids.
    private static func contact(_ fields: [String], clicks: [String: [String: String]]) -> HubSpotRecord? {
        guard fields.count >= 15, let id = numericID(fields[0]), let created = milliseconds(fields[13]),
            let updated = milliseconds(fields[14])
        else { return nil }
        var properties: [String: String] = [:]
        let columns = [
            (2, "email"), (3, "phone"), (4, "firstname"), (5, "lastname"), (6, "city"), (7, "state"), (8, "zip"),
            (9, "country"),
        ]
        for (index, name) in columns where !fields[index].isEmpty { properties[name] = fields[index] }
        let contactClicks = clicks[fields[0]] ?? [:]
        // HubSpot's own click-id properties, and custom ones for the Google ids HubSpot has no property for (as
        // portals that capture them from landing-page URLs keep them).
        let clickProperties = [
            ("gclid", "hs_google_click_id"), ("fbclid", "hs_facebook_click_id"), ("li_fat_id", "hs_linkedin_click_id"),
            ("gbraid", "gbraid"), ("wbraid", "wbraid"),
        ]
        for (kind, name) in clickProperties { properties[name] = contactClicks[kind] }
        return HubSpotRecord(id: id, properties: properties, createdAt: created, updatedAt: updated)
    }
}
