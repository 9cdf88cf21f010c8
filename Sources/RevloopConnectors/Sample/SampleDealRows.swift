/// One generated deal with the contacts it brought and their click ids, as the export's lines: a
/// `deals.jsonl` line and `contacts.csv` / `click_ids.csv` rows (columns as `ExportFormat` names them).
public struct SampleDealRows: Sendable {
    public let deal: String
    public let contacts: [String]
    public let clicks: [String]
}
