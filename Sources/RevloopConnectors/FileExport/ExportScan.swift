internal import Foundation
public import RevloopCore
public import RevloopIdentity

/// Reads a file export straight through, without the store, for planning: pipelines, then every deal,
/// then only the click ids and contacts the caller asks for. Contacts are parsed and hashed only when
/// wanted, so a plan over a million deals hashes the people it sends, not the whole CRM.
///
/// Bad rows become diagnostics exactly as in a pull (same parser), handed to `diagnostic`.
public struct ExportScan {
    public let source: FileExportSource
    private let parser: ExportRecordParser

    /// A scan of `source`'s export with timestamps shifted by `rebaseDays` (see `FileExportSource.rebaseDays`).
    public init(source: FileExportSource, rebaseDays: Int64) {
        self.source = source
        self.parser = ExportRecordParser(connector: source.config, rebaseDays: rebaseDays)
    }

    private func path(_ stream: String) -> String { source.exportDirectory + "/" + stream }

    public func pipelines() throws(ConnectorError) -> [Pipeline] {
        let file = path(ExportFormat.pipelines)
        return try FileExportSource.readPipelines(path: file, displayPath: file)
    }

    /// Every deal in `deals.jsonl`, in file order.
    public func forEachDeal(diagnostic: (Diagnostic) -> Void, _ body: (consuming Deal) throws -> Void) throws {
        let file = path(ExportFormat.deals)
        let reader = try LineReader(path: file)
        var failure: (any Error)?
        while let more = reader.nextLine({ bytes -> Bool in
            guard !bytes.isEmpty else { return true }
            let source = DiagnosticSource(path: file, line: reader.lineNumber)
            let (deal, problems) = parser.deal(line: bytes, source: source)
            problems.forEach(diagnostic)
            guard let deal else { return true }
            do {
                try body(deal)
                return true
            } catch {
                failure = error
                return false
            }
        }) {
            if let failure { throw failure }
            if !more { break }
        }
        guard !reader.hasReadError else { throw ConnectorError(.unreadable, "\(file): error: reading failed part-way") }
    }

    /// The click ids of the contacts `wanted` says yes to, oldest first per contact.
    public func clickIDs(wanted: (ContactID) -> Bool, diagnostic: (Diagnostic) -> Void) throws -> [ContactID: [ClickID]]
    {
        let file = path(ExportFormat.clickIDs)
        guard FileManager.default.fileExists(atPath: file) else { return [:] }
        var clicks: [ContactID: [ClickID]] = [:]
        try forEachRow(
            file, columns: ExportFormat.clickIDColumns, id: "contact_id", wanted: wanted, diagnostic: diagnostic
        ) {
            row, source in
            let (click, problems) = parser.clickID(row, source: source)
            problems.forEach(diagnostic)
            if let click { clicks[click.contactID, default: []].append(click) }
        }
        for contact in clicks.keys { clicks[contact]?.sort { ($0.clickedAt, $0.value) < ($1.clickedAt, $1.value) } }
        return clicks
    }

    /// Each contact `wanted` says yes to, parsed, in file order, with the identifier kinds `kinds` names
    /// for it hashed (the rest are not computed).
    public func forEachContact(
        wanted: (ContactID) -> Bool, kinds: (ContactID) -> IdentifierKinds = { _ in .all },
        diagnostic: (Diagnostic) -> Void, _ body: (Contact) throws -> Void
    ) throws {
        try forEachRow(
            path(ExportFormat.contacts), columns: ["contact_id", "created_at", "updated_at"], id: "contact_id",
            wanted: wanted, diagnostic: diagnostic
        ) { row, source in
            let id = ContactID(row["contact_id"] ?? "")
            let (contact, problems) = parser.contact(row, source: source, kinds: kinds(id))
            problems.forEach(diagnostic)
            if let contact { try body(contact) }
        }
    }

    private func forEachRow(
        _ file: String, columns: [String], id: String, wanted: (ContactID) -> Bool, diagnostic: (Diagnostic) -> Void,
        _ body: (CSVRow, DiagnosticSource) throws -> Void
    ) throws {
        let reader = try CSVRecordReader(path: file, displayPath: file)
        try reader.require(columns: columns)
        // Rows of people nobody waits for are skipped before they are split, when the id leads the row.
        let leads = reader.header.first == id
        try withoutActuallyEscaping(wanted) { wanted in
            let filter: ((String) -> Bool)? = leads ? { wanted(ContactID($0)) } : nil
            while let row = reader.nextRecord(firstFieldWanted: filter) {
                // A quoted line is not pre-filtered: check it here (and a pre-filtered one cheaply again).
                guard let value = row[id], wanted(ContactID(value)) else { continue }
                let source = DiagnosticSource(path: file, line: row.line)
                if let problem = row.structuralProblem {
                    diagnostic(Diagnostic(.error, problem, at: source))
                    continue
                }
                try body(row, source)
            }
        }
        guard !reader.hasReadError else { throw ConnectorError(.unreadable, "\(file): error: reading failed part-way") }
    }
}
