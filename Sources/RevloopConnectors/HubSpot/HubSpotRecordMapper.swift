internal import Foundation
internal import RevloopCore
internal import RevloopIdentity

/// Turns HubSpot's objects into domain records: string properties parsed (amounts in minor units of the
/// deal's currency, timestamps with their zone), stage and amount histories from `propertiesWithHistory`,
/// contacts' identifiers hashed at once and their click-id properties as click ids.
///
/// Diagnostics name the connector, the object and the property, never a value that could be personal.
struct HubSpotRecordMapper {
    let config: ConnectorConfig
    let hasher: ContactIdentifierHasher

    init(config: ConnectorConfig) {
        self.config = config
        self.hasher = ContactIdentifierHasher(defaultRegion: config.defaultRegion)
    }

    /// The properties a deals pull asks for.
    static let dealProperties = [
        "dealname", "amount", "deal_currency_code", "pipeline", "dealstage", "closedate", "createdate",
        "hs_lastmodifieddate", "closed_lost_reason", "hs_merged_object_ids", "hs_is_closed_won",
    ]
    /// The properties whose history a deals pull asks for.
    static let dealHistories = ["dealstage", "amount"]
    /// The properties a contacts pull asks for: identifiers, place, merge bookkeeping, and the connector's
    /// click-id properties.
    var contactProperties: [String] {
        [
            "email", "phone", "mobilephone", "firstname", "lastname", "city", "state", "zip", "country",
            "hs_calculated_merged_vids", "createdate", "lastmodifieddate",
        ] + clickProperties.map(\.property)
    }
    /// The contact property of each click-id kind the connector reads (crms.md 1.8), in a fixed order.
    var clickProperties: [(property: String, kind: ClickIDKind)] {
        ClickIDKind.allCases.compactMap { kind in config.clickIDProperties[kind].map { ($0, kind) } }
    }

    /// HubSpot times: ISO-8601 with `Z` or an offset (with or without fraction), or epoch ms as a string.
    static func time(_ text: String?) -> Timestamp? {
        guard let text, !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let milliseconds = Int64(text) {
            return Timestamp(millisecondsSinceEpoch: milliseconds)
        }
        return RFC3339.parse(text)
    }

    private func source(_ stream: String) -> DiagnosticSource {
        DiagnosticSource(path: "\(config.sourcePath) (\(stream))")
    }

    /// A deal: `archived` deals are deletions. Problems with one property drop the deal only when it cannot
    /// be used without it (times, pipeline, stage); an unreadable amount is a warning.
    func deal(_ object: HubSpotWire.Object, contactIDs: [ContactID], stream: String) -> (Deal?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let record = "deal \(object.id)"
        func error(_ message: String) {
            diagnostics.append(Diagnostic(.error, message, at: source(stream), record: record))
        }
        func warning(_ message: String) {
            diagnostics.append(Diagnostic(.warning, message, at: source(stream), record: record))
        }
        let created = Self.time(object.property("createdate")) ?? Self.time(object.createdAt)
        let updated =
            Self.time(object.archivedAt).flatMap { archived in
                Self.time(object.updatedAt).map { max($0, archived) } ?? archived
            } ?? Self.time(object.property("hs_lastmodifieddate")) ?? Self.time(object.updatedAt)
        guard let created, let updated else {
            error("property 'createdate' or 'hs_lastmodifieddate' is missing or not a timestamp; the deal is skipped")
            return (nil, diagnostics)
        }
        guard let pipeline = object.property("pipeline"), let stage = object.property("dealstage") else {
            error("property 'pipeline' or 'dealstage' is empty; the deal is skipped")
            return (nil, diagnostics)
        }
        var currency = config.defaultCurrency
        if let code = object.property("deal_currency_code") {
            if let parsed = CurrencyCode(code) {
                currency = parsed
            } else {
                warning("property 'deal_currency_code' is not an ISO 4217 code; \(config.defaultCurrency) is used")
            }
        }
        func money(_ text: String?, property: String) -> Money? {
            guard let text, !text.isEmpty else { return nil }
            guard let amount = Money(decimal: text, currency: currency) else {
                warning("property '\(property)' is not a decimal amount in \(currency); the deal is kept without it")
                return nil
            }
            return amount
        }
        let amount = money(object.property("amount"), property: "amount")
        var stageHistory: [StageTransition] = (object.propertiesWithHistory?["dealstage"] ?? []).compactMap { entry in
            guard let value = entry.value, !value.isEmpty, let at = Self.time(entry.timestamp) else { return nil }
            return StageTransition(stageID: StageID(value), enteredAt: at)
        }
        stageHistory.sort { $0.enteredAt < $1.enteredAt }
        if stageHistory.isEmpty { stageHistory = [StageTransition(stageID: StageID(stage), enteredAt: created)] }
        var amountHistory: [AmountChange] = (object.propertiesWithHistory?["amount"] ?? []).compactMap { entry in
            guard let at = Self.time(entry.timestamp), let value = money(entry.value, property: "amount (history)")
            else { return nil }
            return AmountChange(amount: value, changedAt: at)
        }
        amountHistory.sort { $0.changedAt < $1.changedAt }
        if amountHistory.isEmpty, let amount { amountHistory = [AmountChange(amount: amount, changedAt: created)] }
        let closeDate = object.property("closedate").flatMap { CalendarDay(iso: $0.prefix(10)) }
        let deal = Deal(
            id: DealID(object.id), pipelineID: PipelineID(pipeline), stageID: StageID(stage), amount: amount,
            createdAt: created, updatedAt: updated, closeDate: closeDate, companyID: nil, contactIDs: contactIDs,
            stageHistory: stageHistory, amountHistory: amountHistory,
            isDeleted: object.archived == true || object.archivedAt != nil,
            lostReason: object.property("closed_lost_reason"))
        return (deal, diagnostics)
    }

    /// The deals merged into `survivor` (`hs_merged_object_ids`, `;`-separated), as deletions that say so.
    ///
    /// The store has no deal merge: the merged-away deal is kept as deleted, with the survivor's
    /// modification time so it replaces what was stored, and `lostReason` `merged into <id>`.
    func mergedDeals(into survivor: Deal, object: HubSpotWire.Object) -> [Deal] {
        guard let merged = object.property("hs_merged_object_ids") else { return [] }
        return merged.split(whereSeparator: { $0 == ";" || $0 == "," }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && $0 != object.id }.map { loser in
            Deal(
                id: DealID(loser), pipelineID: survivor.pipelineID, stageID: survivor.stageID, amount: nil,
                createdAt: survivor.createdAt, updatedAt: survivor.updatedAt, closeDate: nil, companyID: nil,
                contactIDs: [], stageHistory: [], amountHistory: [], isDeleted: true,
                lostReason: "merged into \(object.id)")
        }
    }

    /// A contact with its hashed identifiers, and its click ids (stamped with the contact's creation
    /// time: HubSpot keeps no click time, and the click came before the contact was created).
    func contact(_ object: HubSpotWire.Object, stream: String) -> (Contact?, [ClickID], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let record = "contact \(object.id)"
        let created = Self.time(object.property("createdate")) ?? Self.time(object.createdAt)
        let updated = Self.time(object.property("lastmodifieddate")) ?? Self.time(object.updatedAt)
        guard let created, let updated else {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "property 'createdate' or 'lastmodifieddate' is missing or not a timestamp; the contact is skipped",
                    at: source(stream), record: record))
            return (nil, [], diagnostics)
        }
        var country: String?
        if let text = object.property("country")?.trimmingCharacters(in: .whitespaces), text.count == 2,
            text.allSatisfy({ $0.isASCII && $0.isLetter })
        {
            country = text.uppercased()
        }
        let (identifiers, refused) = hasher.hash(
            ContactIdentifierHasher.RawFields(
                email: object.property("email"), phone: object.property("phone") ?? object.property("mobilephone"),
                firstName: object.property("firstname"), lastName: object.property("lastname"),
                city: object.property("city"), countryCode: country))
        for problem in refused {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "property '\(problem.field)': \(problem.reason); the contact is kept without this match key",
                    at: source(stream), record: record))
        }
        let contactID = ContactID(object.id)
        let contact = Contact(
            id: contactID, companyID: nil, identifiers: identifiers, countryCode: country,
            region: object.property("state"), postalCode: object.property("zip"), consent: .unknown,
            createdAt: created, updatedAt: updated)
        let clicks = clickProperties.compactMap { property, kind -> ClickID? in
            guard let value = object.property(property)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                return nil
            }
            return ClickID(contactID: contactID, kind: kind, value: value, clickedAt: created)
        }
        return (contact, clicks, diagnostics)
    }

    /// The contacts merged into this one: `hs_calculated_merged_vids` lists them as `id:time` entries
    /// separated by `;` (the time is ignored; the id is what the store folds).
    func contactMerges(_ object: HubSpotWire.Object) -> [ContactMerge] {
        guard let merged = object.property("hs_calculated_merged_vids") else { return [] }
        return merged.split(separator: ";").compactMap { entry in
            let id = entry.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, id.allSatisfy(\.isNumber), id != object.id else { return nil }
            return ContactMerge(loser: ContactID(id), survivor: ContactID(object.id))
        }
    }

    /// Pipelines with won and lost from each stage's `probability` metadata (1.0 won, 0.0 lost), never the label.
    func pipelines(_ page: HubSpotWire.PipelinePage) -> [Pipeline] {
        page.results.map { pipeline in
            let stages = pipeline.stages.filter { $0.archived != true }.sorted {
                ($0.displayOrder ?? 0) < ($1.displayOrder ?? 0)
            }
            return Pipeline(
                id: PipelineID(pipeline.id), label: pipeline.label,
                stages: stages.map { stage in
                    let metadata = stage.metadata ?? [:]
                    let probability = (metadata["probability"] ?? nil).flatMap(Double.init) ?? 0
                    let isClosed =
                        (metadata["isClosed"] ?? nil).map { $0 == "true" } ?? (probability == 0 || probability == 1)
                    return PipelineStage(
                        id: StageID(stage.id), label: stage.label, winProbability: probability, isClosed: isClosed,
                        isWon: isClosed && probability >= 1)
                })
        }
    }
}
