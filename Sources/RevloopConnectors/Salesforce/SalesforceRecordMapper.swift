internal import Foundation
internal import RevloopCore
internal import RevloopIdentity

/// Turns Salesforce rows into domain records: opportunities with their `OpportunityHistory` as stage
/// transitions and amount changes, contact roles as the deal's contacts (the primary first), contacts'
/// identifiers hashed at once and their click-id custom fields as click ids, deleted contacts as deletions or,
/// with `MasterRecordId`, merges. Amounts are exact decimals in the opportunity's `CurrencyIsoCode` (multi-currency orgs) or
/// `default_currency` (single-currency orgs); Salesforce's date-times (`...000+0000`) keep their zone.
///
/// Diagnostics name the connector, the record and the field, never a value that could be personal.
struct SalesforceRecordMapper {
    let config: ConnectorConfig
    let hasher: ContactIdentifierHasher

    /// Salesforce has one stage picklist per org (sales processes pick subsets of it): one pipeline holds it.
    static let pipelineID: PipelineID = "default"

    init(config: ConnectorConfig) {
        self.config = config
        self.hasher = ContactIdentifierHasher(defaultRegion: config.defaultRegion)
    }

    /// The fields the stages query selects.
    static let stageFields = ["Id", "ApiName", "MasterLabel", "IsActive", "IsClosed", "IsWon", "DefaultProbability"]

    /// The fields the contacts query selects: identifiers, place, merge bookkeeping, and the click-id fields.
    var contactFields: [String] {
        [
            "Id", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "MailingCity", "MailingState",
            "MailingPostalCode", "MailingCountry", "AccountId", "CreatedDate", "SystemModstamp", "IsDeleted",
            "MasterRecordId",
        ] + ClickIDKind.allCases.compactMap { config.clickIDProperties[$0] }
    }

    /// The fields the converted-leads query selects: the contact each became and the click-id fields.
    var leadFields: [String] {
        ["Id", "ConvertedContactId", "CreatedDate", "SystemModstamp", "IsDeleted"]
            + ClickIDKind.allCases.compactMap { config.clickIDProperties[$0] }
    }

    /// The fields the opportunities query selects (`CurrencyIsoCode` only in multi-currency orgs: naming it
    /// in a single-currency org is a 400).
    var opportunityFields: [String] {
        var fields = [
            "Id", "StageName", "Amount", "CloseDate", "AccountId", "ContactId", "CreatedDate", "SystemModstamp",
            "IsDeleted",
        ]
        if config.isMultiCurrency { fields.append("CurrencyIsoCode") }
        if let field = config.lostReasonField { fields.append(field) }
        return fields
    }

    static let historyFields = ["Id", "OpportunityId", "StageName", "Amount", "CreatedDate"]
    static let contactRoleFields = ["Id", "OpportunityId", "ContactId", "IsPrimary", "IsDeleted", "CreatedDate"]

    /// Salesforce's date-times: `2026-11-29T10:00:00.000+0000` (an offset without a colon), or with `Z`.
    static func time(_ text: String?) -> Timestamp? {
        guard let text else { return nil }
        return RFC3339.parse(text)
    }

    private func source(_ stream: String) -> DiagnosticSource {
        DiagnosticSource(path: "\(config.sourcePath) (\(stream))")
    }

    /// The org's stages as one pipeline, won and lost from `IsClosed`/`IsWon`, never the label.
    func pipeline(_ rows: [SalesforceWire.Record]) -> Pipeline {
        Pipeline(
            id: Self.pipelineID, label: "Opportunity stages",
            stages: rows.filter { $0.flag("IsActive") }.compactMap { row in
                guard let name = row.text("ApiName") else { return nil }
                let probability = (row.text("DefaultProbability").flatMap(Double.init) ?? 0) / 100
                return PipelineStage(
                    id: StageID(name), label: row.text("MasterLabel") ?? name, winProbability: probability,
                    isClosed: row.flag("IsClosed"), isWon: row.flag("IsWon"))
            })
    }

    /// A deleted contact row as the store takes it: merged into the survivor `MasterRecordId` names (Salesforce
    /// deletes the losers of a merge and sets it), or deleted.
    func removal(_ row: SalesforceWire.Record) -> (merge: ContactMerge?, deletion: ContactID?) {
        guard let survivor = row.text("MasterRecordId"), survivor != row.id else { return (nil, ContactID(row.id)) }
        return (ContactMerge(loser: ContactID(row.id), survivor: ContactID(survivor)), nil)
    }

    /// A live contact row with its click ids.
    func contact(_ row: SalesforceWire.Record, stream: String) -> (Contact?, [ClickID], [Diagnostic]) {
        let contactID = ContactID(row.id)
        var diagnostics: [Diagnostic] = []
        let record = "contact \(row.id)"
        guard let created = Self.time(row.text("CreatedDate")), let updated = Self.time(row.text("SystemModstamp"))
        else {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "field 'CreatedDate' or 'SystemModstamp' is missing or not a date-time; the contact is skipped",
                    at: source(stream), record: record))
            return (nil, [], diagnostics)
        }
        var country: String?
        if let text = row.text("MailingCountry")?.trimmingCharacters(in: .whitespaces), text.count == 2,
            text.allSatisfy({ $0.isASCII && $0.isLetter })
        {
            country = text.uppercased()
        }
        let (identifiers, refused) = hasher.hash(
            ContactIdentifierHasher.RawFields(
                email: row.text("Email"), phone: row.text("Phone") ?? row.text("MobilePhone"),
                firstName: row.text("FirstName"), lastName: row.text("LastName"), city: row.text("MailingCity"),
                countryCode: country))
        for problem in refused {
            diagnostics.append(
                Diagnostic(
                    .warning, "field '\(problem.field)': \(problem.reason); the contact is kept without this match key",
                    at: source(stream), record: record))
        }
        let contact = Contact(
            id: contactID, companyID: row.text("AccountId").map(CompanyID.init), identifiers: identifiers,
            countryCode: country, region: row.text("MailingState"), postalCode: row.text("MailingPostalCode"),
            consent: .unknown, createdAt: created, updatedAt: updated)
        // Salesforce keeps no click time: the click came before the contact was created.
        let clicks = ClickIDKind.allCases.compactMap { kind -> ClickID? in
            guard let field = config.clickIDProperties[kind],
                let value = row.text(field)?.trimmingCharacters(in: .whitespaces), !value.isEmpty
            else { return nil }
            return ClickID(contactID: contactID, kind: kind, value: value, clickedAt: created)
        }
        return (contact, clicks, diagnostics)
    }

    /// A converted lead's click ids, credited to the contact it became (the click came before the lead was
    /// created); none for a deleted lead. The store keeps one click per contact, kind and value, so a click
    /// the conversion copied onto the contact is not counted twice.
    func leadClicks(_ row: SalesforceWire.Record) -> [ClickID] {
        guard !row.flag("IsDeleted"), let contact = row.text("ConvertedContactId"),
            let created = Self.time(row.text("CreatedDate"))
        else { return [] }
        return ClickIDKind.allCases.compactMap { kind -> ClickID? in
            guard let field = config.clickIDProperties[kind],
                let value = row.text(field)?.trimmingCharacters(in: .whitespaces), !value.isEmpty
            else { return nil }
            return ClickID(contactID: ContactID(contact), kind: kind, value: value, clickedAt: created)
        }
    }

    /// An opportunity with its history rows (any order) and contact roles. A deleted opportunity is a deal
    /// marked deleted, keeping its history and contacts.
    func deal(
        _ row: SalesforceWire.Record, history: [SalesforceWire.Record], roles: [SalesforceWire.Record], stream: String
    ) -> (Deal?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let record = "opportunity \(row.id)"
        func warning(_ message: String) {
            diagnostics.append(Diagnostic(.warning, message, at: source(stream), record: record))
        }
        guard let created = Self.time(row.text("CreatedDate")), let updated = Self.time(row.text("SystemModstamp"))
        else {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "field 'CreatedDate' or 'SystemModstamp' is missing or not a date-time; the deal is skipped",
                    at: source(stream), record: record))
            return (nil, diagnostics)
        }
        guard let stage = row.text("StageName") else {
            diagnostics.append(
                Diagnostic(
                    .error, "field 'StageName' is empty; the deal is skipped", at: source(stream), record: record))
            return (nil, diagnostics)
        }
        var currency = config.defaultCurrency
        if config.isMultiCurrency, let code = row.text("CurrencyIsoCode") {
            if let parsed = CurrencyCode(code) {
                currency = parsed
            } else {
                warning("field 'CurrencyIsoCode' is not an ISO 4217 code; \(config.defaultCurrency) is used")
            }
        }
        func money(_ text: String?, field: String) -> Money? {
            guard let text else { return nil }
            guard let amount = Money(decimal: text, currency: currency) else {
                warning("field '\(field)' is not an amount in \(currency); the deal is kept without it")
                return nil
            }
            return amount
        }
        let amount = money(row.text("Amount"), field: "Amount")
        // OpportunityHistory has no previous stage: order the rows by CreatedDate, and a transition is a row
        // whose stage differs from the one before (amount-only rows change the amount).
        let rows = history.compactMap { entry -> (at: Timestamp, id: String, entry: SalesforceWire.Record)? in
            Self.time(entry.text("CreatedDate")).map { ($0, entry.id, entry) }
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        var stageHistory: [StageTransition] = []
        var amountHistory: [AmountChange] = []
        for (at, _, entry) in rows {
            if let name = entry.text("StageName"), stageHistory.last?.stageID.rawValue != name {
                stageHistory.append(StageTransition(stageID: StageID(name), enteredAt: at))
            }
            if let value = money(entry.text("Amount"), field: "OpportunityHistory.Amount"),
                amountHistory.last?.amount != value
            {
                amountHistory.append(AmountChange(amount: value, changedAt: at))
            }
        }
        if stageHistory.isEmpty { stageHistory = [StageTransition(stageID: StageID(stage), enteredAt: created)] }
        if amountHistory.isEmpty, let amount { amountHistory = [AmountChange(amount: amount, changedAt: created)] }
        let isDeleted = row.flag("IsDeleted")
        // Contact roles, the primary first, then by creation; a live deal's deleted roles are gone, a deleted
        // deal keeps the ones it had.
        let ordered = roles.filter { isDeleted || !$0.flag("IsDeleted") }.sorted { left, right in
            if left.flag("IsPrimary") != right.flag("IsPrimary") { return left.flag("IsPrimary") }
            return (left.text("CreatedDate") ?? "", left.id) < (right.text("CreatedDate") ?? "", right.id)
        }
        var contactIDs: [ContactID] = []
        for contact in ordered.compactMap({ $0.text("ContactId") }).map(ContactID.init)
        where !contactIDs.contains(contact) {
            contactIDs.append(contact)
        }
        if contactIDs.isEmpty, let primary = row.text("ContactId") { contactIDs = [ContactID(primary)] }
        let deal = Deal(
            id: DealID(row.id), pipelineID: Self.pipelineID, stageID: StageID(stage), amount: amount,
            createdAt: created, updatedAt: updated, closeDate: row.text("CloseDate").flatMap { CalendarDay(iso: $0) },
            companyID: row.text("AccountId").map(CompanyID.init), contactIDs: contactIDs, stageHistory: stageHistory,
            amountHistory: amountHistory, isDeleted: isDeleted,
            lostReason: config.lostReasonField.flatMap { row.text($0) })
        return (deal, diagnostics)
    }
}
