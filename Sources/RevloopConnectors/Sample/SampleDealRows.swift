/// One generated deal with the contacts it brought, their click ids and activities, as the export's lines: a
/// `deals.jsonl` line and `contacts.csv` / `click_ids.csv` / `activities.csv` rows (columns as
/// `ExportFormat` names them).
public struct SampleDealRows: Sendable {
    public let deal: String
    public let contacts: [String]
    public let clicks: [String]
    public let activities: [String]

    init(deal: String, contacts: [String], clicks: [String], activities: [String] = []) {
        self.deal = deal
        self.contacts = contacts
        self.clicks = clicks
        self.activities = activities
    }

    /// One `contacts.csv` or `click_ids.csv` row's fields (its line break dropped), split as the file
    /// connector splits them.
    public static func fields(_ row: String) -> [String] {
        var line = Substring(row)
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line = line.dropLast() }
        return CSVRecordReader.split(String(line)) ?? []
    }

    /// The click ids by contact id, then by kind (`click_ids.csv`: contact id, kind, value, time).
    public var clicksByContact: [String: [String: String]] {
        var clicks: [String: [String: String]] = [:]
        for row in self.clicks {
            let fields = Self.fields(row)
            guard fields.count >= 3 else { continue }
            clicks[fields[0], default: [:]][fields[1]] = fields[2]
        }
        return clicks
    }
}
