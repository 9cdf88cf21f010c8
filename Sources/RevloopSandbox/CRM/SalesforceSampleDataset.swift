internal import Foundation
internal import RevloopConnectors
public import RevloopCore

/// The sample generator's deals and contacts as a Salesforce org holds them: opportunities (`d-17` is
/// `Opportunity` `006000000000017AAA`), an `OpportunityHistory` row for every stage or amount change,
/// `OpportunityContactRole` rows (the deal's first contact primary), contacts with their click ids in custom
/// fields, a converted lead per contact, the stages as `OpportunityStage` rows, and the sample's deleted
/// deals in the recycle bin (`IsDeleted`, seen by `queryAll` only), and its sales-led activities as `Task`
/// and `Event` rows (`SalesforceSampleActivities`).
public enum SalesforceSampleDataset {
    /// Custom fields holding each click-id kind (Salesforce has no standard one; crms.md 2.4).
    public static let defaultClickFields: [String: String] = [
        "gclid": "GCLID__c", "gbraid": "GBRAID__c", "wbraid": "WBRAID__c", "fbclid": "FBCLID__c",
        "li_fat_id": "LI_FAT_ID__c",
    ]
    /// The custom field holding why an opportunity was lost.
    public static let lostReasonField = "Loss_Reason__c"

    /// Key prefixes of the emulated types.
    public static let opportunityPrefix = "006"
    public static let contactPrefix = "003"
    static let historyPrefix = "008"
    static let contactRolePrefix = "00K"
    static let leadPrefix = "00Q"
    static let accountPrefix = "001"
    static let stagePrefix = "01J"

    /// The fields of each emulated type.
    public static func schema(clickFields: [String: String]) -> [String: Set<String>] {
        let common: Set<String> = ["Id", "IsDeleted", "CreatedDate", "SystemModstamp"]
        let clicks = Set(clickFields.values)
        return [
            "Opportunity": common.union([
                "Name", "StageName", "Amount", "CloseDate", "IsClosed", "IsWon", "Probability", "ForecastCategory",
                "CurrencyIsoCode", "ContactId", "AccountId", "LeadSource", "LastModifiedDate", lostReasonField,
            ]),
            "OpportunityHistory": common.union([
                "OpportunityId", "StageName", "Amount", "CloseDate", "Probability", "ForecastCategory",
                "CurrencyIsoCode", "PrevAmount", "PrevCloseDate",
            ]),
            "OpportunityContactRole": common.union([
                "OpportunityId", "ContactId", "Role", "IsPrimary", "LastModifiedDate", "CurrencyIsoCode",
            ]),
            "Contact": common.union([
                "FirstName", "LastName", "Email", "Phone", "MobilePhone", "MailingCity", "MailingState",
                "MailingPostalCode", "MailingCountry", "AccountId", "LastModifiedDate", "MasterRecordId",
                "CurrencyIsoCode",
            ]).union(clicks),
            "Lead": common.union([
                "FirstName", "LastName", "Email", "Phone", "MobilePhone", "IsConverted", "ConvertedContactId",
                "ConvertedOpportunityId", "ConvertedDate", "LastModifiedDate", "MasterRecordId", "CurrencyIsoCode",
            ]).union(clicks),
            "OpportunityStage": common.union([
                "ApiName", "MasterLabel", "IsActive", "IsClosed", "IsWon", "DefaultProbability", "ForecastCategory",
                "ForecastCategoryName", "SortOrder",
            ]),
        ].merging(SalesforceSampleActivities.schema) { first, _ in first }
    }

    /// The dataset for the sample of `seed` with `dealCount` deals, anchored at `anchor`.
    public static func make(
        seed: UInt64, dealCount: Int, anchor: CalendarDay, clickFields: [String: String] = defaultClickFields
    ) -> SalesforceDataset {
        var objects: [String: [SalesforceRecord]] = [:]
        let stages = SampleGenerator.pipelines.flatMap(\.stages)
        let stageByID = Dictionary(stages.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        objects["OpportunityStage"] = stages.enumerated().map { order, stage in
            SalesforceRecord(
                id: SalesforceDataset.id(prefix: stagePrefix, number: Int64(order + 1)),
                fields: [
                    "ApiName": .string(stage.id.rawValue), "MasterLabel": .string(stage.label),
                    "IsActive": .boolean(true), "IsClosed": .boolean(stage.isClosed), "IsWon": .boolean(stage.isWon),
                    "DefaultProbability": .number(percent(stage.winProbability)),
                    "ForecastCategoryName": .string(forecast(stage)), "ForecastCategory": .string(forecast(stage)),
                    "SortOrder": .number(String(order + 1)), "IsDeleted": .boolean(false),
                    "CreatedDate": .dateTime(0), "SystemModstamp": .dateTime(0),
                ])
        }
        var histories: [SalesforceRecord] = []
        var roles: [SalesforceRecord] = []
        var contacts: [SalesforceRecord] = []
        var leads: [SalesforceRecord] = []
        var opportunities: [SalesforceRecord] = []
        var activities = SalesforceSampleActivities()
        SampleGenerator(seed: seed, dealCount: dealCount, anchor: anchor).forEachDeal { rows in
            let clicks = rows.clicksByContact
            var numbers: Set<Int64> = []
            for row in rows.contacts {
                let fields = SampleDealRows.fields(row)
                guard let (contact, lead) = contact(fields, clicks: clicks[fields[0]] ?? [:], clickFields: clickFields)
                else { continue }
                contacts.append(contact)
                leads.append(lead)
                if let number = sampleNumber(fields[0]) { numbers.insert(number) }
            }
            activities.log(rows.salesLedActivities, contactNumbers: numbers)
            guard
                let object = (try? JSONSerialization.jsonObject(with: Data(rows.deal.utf8))) as? [String: Any],
                let deal = opportunity(object, stages: stageByID)
            else { return }
            opportunities.append(deal.opportunity)
            for var history in deal.history {
                history.id = SalesforceDataset.id(prefix: historyPrefix, number: Int64(histories.count + 1))
                histories.append(history)
            }
            let created = deal.opportunity.fields["CreatedDate"] ?? .null
            for (position, contactID) in deal.contactIDs.enumerated() {
                roles.append(
                    SalesforceRecord(
                        id: SalesforceDataset.id(prefix: contactRolePrefix, number: Int64(roles.count + 1)),
                        fields: [
                            "OpportunityId": .string(deal.opportunity.id), "ContactId": .string(contactID),
                            "Role": .string(position == 0 ? "Decision Maker" : "Influencer"),
                            "IsPrimary": .boolean(position == 0), "IsDeleted": deal.opportunity.value("IsDeleted"),
                            "CreatedDate": created, "LastModifiedDate": created, "SystemModstamp": created,
                            "CurrencyIsoCode": deal.opportunity.value("CurrencyIsoCode"),
                        ]))
            }
        }
        objects["Opportunity"] = opportunities
        objects["OpportunityHistory"] = histories
        objects["OpportunityContactRole"] = roles
        objects["Contact"] = contacts
        objects["Lead"] = leads
        objects["Task"] = activities.tasks
        objects["Event"] = activities.events
        return SalesforceDataset(objects: objects, schema: schema(clickFields: clickFields))
    }

    /// A sample id's number (`d-17` is 17).
    static func sampleNumber(_ text: String) -> Int64? { Int64(text.drop { !$0.isNumber }) }

    static func milliseconds(_ value: Any?) -> Int64? {
        (value as? String).flatMap { RFC3339.parse($0)?.millisecondsSinceEpoch }
    }

    static func percent(_ probability: Double) -> String { String(Int((probability * 100).rounded())) }

    static func forecast(_ stage: PipelineStage) -> String {
        stage.isClosed ? (stage.isWon ? "Closed" : "Omitted") : (stage.winProbability >= 0.6 ? "BestCase" : "Pipeline")
    }

    /// A `deals.jsonl` line as an opportunity, its history rows (ids given later) and its contacts' ids.
    private static func opportunity(_ object: [String: Any], stages: [String: PipelineStage]) -> (
        opportunity: SalesforceRecord, history: [SalesforceRecord], contactIDs: [String]
    )? {
        guard let number = (object["deal_id"] as? String).flatMap(sampleNumber),
            let created = milliseconds(object["created_at"]), var updated = milliseconds(object["updated_at"]),
            let stage = object["stage_id"] as? String
        else { return nil }
        let id = SalesforceDataset.id(prefix: opportunityPrefix, number: number)
        let isDeleted = object["is_deleted"] as? Bool == true
        // Deleting is the last change an opportunity sees.
        if isDeleted { updated += 3_600_000 }
        let currency: SalesforceValue = .string(object["currency"] as? String ?? "USD")
        let metadata = stages[stage]
        let closeDate: SalesforceValue = (object["close_date"] as? String).map { .date($0) } ?? .null
        let contactIDs = (object["contact_ids"] as? [String] ?? []).compactMap(sampleNumber).map {
            SalesforceDataset.id(prefix: contactPrefix, number: $0)
        }
        var fields: [String: SalesforceValue] = [
            "Name": .string("Opportunity \(number)"), "StageName": .string(stage),
            "Amount": (object["amount"] as? String).flatMap { $0.isEmpty ? nil : .number($0) } ?? .null,
            "CloseDate": closeDate,
            "IsClosed": .boolean(metadata?.isClosed ?? false), "IsWon": .boolean(metadata?.isWon ?? false),
            "Probability": .number(percent(metadata?.winProbability ?? 0)),
            "ForecastCategory": .string(metadata.map(forecast) ?? "Pipeline"), "CurrencyIsoCode": currency,
            "ContactId": contactIDs.first.map { .string($0) } ?? .null,
            "AccountId": (object["company_id"] as? String).flatMap(sampleNumber).map {
                .string(SalesforceDataset.id(prefix: accountPrefix, number: $0))
            } ?? .null,
            "LeadSource": .string("Web"), "CreatedDate": .dateTime(created), "LastModifiedDate": .dateTime(updated),
            "SystemModstamp": .dateTime(updated), "IsDeleted": .boolean(isDeleted),
        ]
        if let reason = object["lost_reason"] as? String { fields[lostReasonField] = .string(reason) }
        // One history row per instant at which the stage or the amount changed, carrying both as they then were.
        var events: [Int64: (stage: String?, amount: String?)] = [:]
        for entry in object["stage_history"] as? [[String: Any]] ?? [] {
            guard let stage = entry["stage_id"] as? String, let at = milliseconds(entry["entered_at"]) else { continue }
            events[at, default: (nil, nil)].stage = stage
        }
        for entry in object["amount_history"] as? [[String: Any]] ?? [] {
            guard let amount = entry["amount"] as? String, !amount.isEmpty, let at = milliseconds(entry["changed_at"])
            else { continue }
            events[at, default: (nil, nil)].amount = amount
        }
        var history: [SalesforceRecord] = []
        var currentStage: String?
        var currentAmount: String?
        for at in events.keys.sorted() {
            let event = events[at] ?? (nil, nil)
            let previousAmount = currentAmount
            currentStage = event.stage ?? currentStage
            currentAmount = event.amount ?? currentAmount
            let rowStage = currentStage ?? stage
            history.append(
                SalesforceRecord(
                    id: "",
                    fields: [
                        "OpportunityId": .string(id), "StageName": .string(rowStage),
                        "Amount": currentAmount.map { .number($0) } ?? .null, "CloseDate": closeDate,
                        "Probability": .number(percent(stages[rowStage]?.winProbability ?? 0)),
                        "PrevAmount": previousAmount.map { .number($0) } ?? .null, "CurrencyIsoCode": currency,
                        "CreatedDate": .dateTime(at), "SystemModstamp": .dateTime(at), "IsDeleted": .boolean(isDeleted),
                    ]))
        }
        return (SalesforceRecord(id: id, fields: fields), history, contactIDs)
    }

    /// A `contacts.csv` row (columns as `ExportFormat.contactColumns`) as a contact with its click ids, and
    /// the lead it was converted from (which holds the same click ids: the lead-conversion field mapping).
    private static func contact(_ fields: [String], clicks: [String: String], clickFields: [String: String]) -> (
        SalesforceRecord, SalesforceRecord
    )? {
        guard fields.count >= 15, let number = sampleNumber(fields[0]), let created = milliseconds(fields[13]),
            let updated = milliseconds(fields[14])
        else { return nil }
        let id = SalesforceDataset.id(prefix: contactPrefix, number: number)
        func text(_ index: Int) -> SalesforceValue { fields[index].isEmpty ? .null : .string(fields[index]) }
        var values: [String: SalesforceValue] = [
            "Email": text(2), "Phone": text(3), "FirstName": text(4), "LastName": text(5), "MailingCity": text(6),
            "MailingState": text(7), "MailingPostalCode": text(8), "MailingCountry": text(9),
            "AccountId": sampleNumber(fields[1]).map {
                .string(SalesforceDataset.id(prefix: accountPrefix, number: $0))
            }
                ?? .null,
            "CreatedDate": .dateTime(created), "LastModifiedDate": .dateTime(updated),
            "SystemModstamp": .dateTime(updated), "IsDeleted": .boolean(false), "MasterRecordId": .null,
        ]
        for (kind, value) in clicks { if let field = clickFields[kind] { values[field] = .string(value) } }
        var lead = values
        lead["AccountId"] = nil
        lead["MailingCity"] = nil
        lead["MailingState"] = nil
        lead["MailingPostalCode"] = nil
        lead["MailingCountry"] = nil
        lead["IsConverted"] = .boolean(true)
        lead["ConvertedContactId"] = .string(id)
        lead["ConvertedDate"] = .date(String(RFC3339.format(Timestamp(millisecondsSinceEpoch: created)).prefix(10)))
        lead["LastModifiedDate"] = .dateTime(created)
        lead["SystemModstamp"] = .dateTime(created)
        return (
            SalesforceRecord(id: id, fields: values),
            SalesforceRecord(id: SalesforceDataset.id(prefix: leadPrefix, number: number), fields: lead)
        )
    }
}
