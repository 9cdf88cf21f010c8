internal import Foundation
internal import RevloopCore
internal import RevloopIdentity

/// Turns export rows into domain records, or into diagnostics that name the file, line, record and field.
///
/// Values that might be personal (email, phone, names) are never quoted back in a message.
struct ExportRecordParser {
    let connector: ConnectorConfig
    /// Whole days added to every timestamp (see `ConnectorConfig.TimestampRebase`).
    let rebaseDays: Int64
    let hasher: ContactIdentifierHasher

    init(connector: ConnectorConfig, rebaseDays: Int64) {
        self.connector = connector
        self.rebaseDays = rebaseDays
        self.hasher = ContactIdentifierHasher(defaultRegion: connector.defaultRegion)
    }

    /// Collects one record's problems; a record with an error is dropped, with warnings it is kept.
    struct Problems {
        let source: DiagnosticSource
        /// What the record is ("deal", "contact") and its id: the label is built only for a diagnostic.
        let kind: String
        let id: String
        var record: String { "\(kind) \(id)" }
        /// Whether messages may quote a field's value: never for contact rows, where a shifted or
        /// mistyped column can put an email or a phone number in any field.
        var echoesValues = true
        var diagnostics: [Diagnostic] = []
        var hasError = false

        mutating func error(_ field: String, _ message: String) {
            hasError = true
            diagnostics.append(Diagnostic(.error, "field '\(field)': \(message)", at: source, record: record))
        }

        mutating func warning(_ field: String, _ message: String) {
            diagnostics.append(Diagnostic(.warning, "field '\(field)': \(message)", at: source, record: record))
        }
    }

    /// `field` is built only when there is a problem to report (it is often an interpolated path).
    func timestamp(
        _ text: String?, parsed: Timestamp? = nil, field makeField: @autoclosure () -> String,
        problems: inout Problems, required: Bool = true
    ) -> Timestamp? {
        if let parsed { return parsed.adding(days: rebaseDays) }
        guard let text else {
            let field = makeField()
            if required { problems.error(field, "is empty; every record needs it") }
            return nil
        }
        if let parsed = RFC3339.parse(text, naiveOffsetSeconds: connector.naiveTimestampOffsetSeconds) {
            return parsed.adding(days: rebaseDays)
        }
        let field = makeField()
        let quoted = problems.echoesValues ? "'\(text)' " : ""
        if RFC3339.isNaive(text) {
            problems.error(
                field,
                "\(quoted)has no time zone; write it with one (2024-06-03T10:00:00Z) or set 'timezone' in \(connector.sourcePath)"
            )
        } else {
            problems.error(field, "\(quoted)is not an RFC 3339 timestamp such as 2024-06-03T10:00:00Z")
        }
        return nil
    }

    func country(_ text: String?, problems: inout Problems) -> String? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count == 2, bytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) {
            // Two ASCII letters, the common case, without Foundation's trimming.
            return String(decoding: bytes.map { $0 >= 97 ? $0 - 32 : $0 }, as: UTF8.self)
        }
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.count == 2, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            let quoted = problems.echoesValues ? "'\(text)' " : ""
            problems.warning("country", "\(quoted)is not an ISO 3166-1 alpha-2 code; the contact is kept without it")
            return nil
        }
        return upper
    }

    func company(_ row: CSVRow, source: DiagnosticSource) -> (Company?, [Diagnostic]) {
        guard let id = row["company_id"] else {
            return (nil, [Diagnostic(.error, "record without 'company_id'; fill it in or remove the row", at: source)])
        }
        var problems = Problems(source: source, kind: "company", id: id)
        let name = row["name"]
        if name == nil { problems.error("name", "is empty; every company needs a name") }
        let employees = row["employees"].flatMap { Int($0) }
        if row["employees"] != nil, employees == nil { problems.warning("employees", "is not a whole number; ignored") }
        let createdAt = timestamp(row["created_at"], field: "created_at", problems: &problems)
        let updatedAt = timestamp(row["updated_at"], field: "updated_at", problems: &problems)
        let countryCode = country(row["country"], problems: &problems)
        guard !problems.hasError, let name, let createdAt, let updatedAt else { return (nil, problems.diagnostics) }
        let company = Company(
            id: CompanyID(id), name: name, domain: row["domain"], countryCode: countryCode, industry: row["industry"],
            employeeCount: employees, createdAt: createdAt, updatedAt: updatedAt, revenueBand: row["revenue_band"])
        return (company, problems.diagnostics)
    }

    func contact(_ row: CSVRow, source: DiagnosticSource, kinds: IdentifierKinds = .all) -> (Contact?, [Diagnostic]) {
        guard let id = row["contact_id"] else {
            return (nil, [Diagnostic(.error, "record without 'contact_id'; fill it in or remove the row", at: source)])
        }
        var problems = Problems(source: source, kind: "contact", id: id, echoesValues: false)
        let countryCode = country(row["country"], problems: &problems)
        let (identifiers, refused) = hasher.hash(
            ContactIdentifierHasher.RawFields(
                email: row["email"], phone: row["phone"], firstName: row["first_name"], lastName: row["last_name"],
                city: row["city"], countryCode: countryCode), only: kinds)
        for problem in refused {
            problems.warning(problem.field, "\(problem.reason); the contact is kept without this match key")
        }
        func consent(_ column: String) -> ConsentState {
            guard let text = row[column] else { return .unknown }
            guard let state = ConsentState(exportValue: text) else {
                problems.warning(column, "is not granted, denied or empty; read as unknown")
                return .unknown
            }
            return state
        }
        let consentState = Consent(
            adUserData: consent("consent_ad_user_data"), adPersonalization: consent("consent_ad_personalization"),
            limitedDataUse: consent("limited_data_use") == .granted)
        let createdAt = timestamp(row["created_at"], field: "created_at", problems: &problems)
        let updatedAt = timestamp(row["updated_at"], field: "updated_at", problems: &problems)
        guard !problems.hasError, let createdAt, let updatedAt else { return (nil, problems.diagnostics) }
        let contact = Contact(
            id: ContactID(id), companyID: row["company_id"].map(CompanyID.init), identifiers: identifiers,
            countryCode: countryCode, region: row["region"], postalCode: row["postal_code"], consent: consentState,
            createdAt: createdAt, updatedAt: updatedAt)
        return (contact, problems.diagnostics)
    }

    func clickID(_ row: CSVRow, source: DiagnosticSource) -> (ClickID?, [Diagnostic]) {
        guard let contactID = row["contact_id"] else {
            return (nil, [Diagnostic(.error, "record without 'contact_id'; fill it in or remove the row", at: source)])
        }
        var problems = Problems(source: source, kind: "click id of contact", id: contactID)
        let kindText = row["kind"]
        let kind = kindText.flatMap(ClickIDKind.init(rawValue:))
        if kind == nil {
            problems.error(
                "kind",
                "'\(kindText ?? "")' is not one of: \(ClickIDKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let value = row["value"]
        if value == nil { problems.error("value", "is empty") }
        let clickedAt = timestamp(row["clicked_at"], field: "clicked_at", problems: &problems)
        guard !problems.hasError, let kind, let value, let clickedAt else { return (nil, problems.diagnostics) }
        return (
            ClickID(contactID: ContactID(contactID), kind: kind, value: value, clickedAt: clickedAt),
            problems.diagnostics
        )
    }

    func activity(_ row: CSVRow, source: DiagnosticSource) -> (Activity?, [Diagnostic]) {
        guard let contactID = row["contact_id"] else {
            return (nil, [Diagnostic(.error, "record without 'contact_id'; fill it in or remove the row", at: source)])
        }
        var problems = Problems(source: source, kind: "activity of contact", id: contactID)
        let kindText = row["kind"]
        let kind = kindText.flatMap(ActivityKind.init(rawValue:))
        if kind == nil {
            problems.error(
                "kind",
                "'\(kindText ?? "")' is not one of: \(ActivityKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let occurredAt = timestamp(row["occurred_at"], field: "occurred_at", problems: &problems)
        var depth: Int?
        if let text = row["depth"] {
            depth = Int(text)
            if depth == nil || !(1...4).contains(depth ?? 0) {
                problems.warning("depth", "'\(text)' is not a whole number from 1 to 4; ignored")
                depth = nil
            }
        }
        var referrer = row["referrer"]
        if let text = referrer, text.contains("/") || text.contains("?") {
            // A full URL can carry personal data in its path or query: only the host is kept.
            referrer = Self.host(of: text)
            problems.warning("referrer", "is a URL, not a host; only its host is kept")
        }
        guard !problems.hasError, let kind, let occurredAt else { return (nil, problems.diagnostics) }
        let activity = Activity(
            contactID: ContactID(contactID), kind: kind, occurredAt: occurredAt, depth: depth, channel: row["channel"],
            campaign: row["campaign"], referrer: referrer)
        return (activity, problems.diagnostics)
    }

    /// The host of a URL such as `https://www.g2.com/products/x?utm=y` (`www.g2.com`), or `nil`.
    static func host(of text: String) -> String? {
        var rest = Substring(text)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : String(host).lowercased()
    }

    /// A `deals.jsonl` line as a deal: the fast scanner reads well-formed lines; anything else goes to
    /// JSONDecoder, which names the problem (never quoting the data).
    func deal(line bytes: UnsafeBufferPointer<UInt8>, source: DiagnosticSource) -> (Deal?, [Diagnostic]) {
        if let line = ExportDealLineScanner.parse(bytes) { return deal(line, source: source) }
        do {
            let line = try JSONDecoder().decode(ExportDealLine.self, from: Data(bytes))
            return deal(line, source: source)
        } catch {
            return (
                nil,
                [
                    Diagnostic(
                        .error, "not a deal record: \(FileExportSource.describe(error)); the line is skipped",
                        at: source)
                ]
            )
        }
    }

    func deal(_ line: ExportDealLine, source: DiagnosticSource) -> (Deal?, [Diagnostic]) {
        var problems = Problems(source: source, kind: "deal", id: line.dealID)
        func money(_ text: String?, _ currencyText: String?, field: @autoclosure () -> String) -> Money? {
            guard let text, !text.isEmpty else { return nil }
            var currency = connector.defaultCurrency
            if let currencyText, !currencyText.isEmpty {
                guard let parsed = CurrencyCode(currencyText) else {
                    problems.error("currency", "'\(currencyText)' is not an ISO 4217 code such as USD")
                    return nil
                }
                currency = parsed
            }
            guard let amount = Money(decimal: text, currency: currency) else {
                problems.error(
                    field(),
                    "'\(text)' is not a plain decimal amount with at most \(currency.minorUnitDigits) decimals in \(currency)"
                )
                return nil
            }
            return amount
        }
        let amount = money(line.amount, line.currency, field: "amount")
        let createdAt = timestamp(
            line.createdAt, parsed: line.createdAtParsed, field: "created_at", problems: &problems)
        let updatedAt = timestamp(
            line.updatedAt, parsed: line.updatedAtParsed, field: "updated_at", problems: &problems)
        var closeDate: CalendarDay?
        if let text = line.closeDate, !text.isEmpty {
            if let day = CalendarDay(iso: text.prefix(10)) {
                closeDate = day.adding(days: rebaseDays)
            } else {
                problems.warning("close_date", "'\(text)' is not a YYYY-MM-DD date; ignored")
            }
        }
        var history: [StageTransition] = []
        for (index, entry) in (line.stageHistory ?? []).enumerated() {
            if let at = timestamp(
                entry.enteredAt, parsed: entry.enteredAtParsed, field: "stage_history[\(index)].entered_at",
                problems: &problems)
            {
                history.append(StageTransition(stageID: StageID(entry.stageID), enteredAt: at))
            }
        }
        var amounts: [AmountChange] = []
        for (index, entry) in (line.amountHistory ?? []).enumerated() {
            let at = timestamp(
                entry.changedAt, parsed: entry.changedAtParsed, field: "amount_history[\(index)].changed_at",
                problems: &problems)
            if let at, let value = money(entry.amount, entry.currency, field: "amount_history[\(index)].amount") {
                amounts.append(AmountChange(amount: value, changedAt: at))
            }
        }
        if history.count > 1, zip(history, history.dropFirst()).contains(where: { $0.enteredAt > $1.enteredAt }) {
            problems.warning("stage_history", "entries are not in time order; sorted by time")
            history.sort { $0.enteredAt < $1.enteredAt }
        }
        guard !problems.hasError, let createdAt, let updatedAt else { return (nil, problems.diagnostics) }
        let deal = Deal(
            id: DealID(line.dealID), pipelineID: PipelineID(line.pipelineID), stageID: StageID(line.stageID),
            amount: amount, createdAt: createdAt, updatedAt: updatedAt, closeDate: closeDate,
            companyID: line.companyID.map(CompanyID.init), contactIDs: (line.contactIDs ?? []).map(ContactID.init),
            stageHistory: history, amountHistory: amounts, isDeleted: line.isDeleted ?? false,
            lostReason: line.lostReason)
        return (deal, problems.diagnostics)
    }
}
