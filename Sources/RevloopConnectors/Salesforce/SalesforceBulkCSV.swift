/// Reads a Bulk API 2.0 results chunk (RFC 4180 CSV: a header of field names, quoted values with doubled
/// quotes and line breaks inside quotes) into records like a REST query's: an empty cell is null, `true`
/// and `false` are booleans, anything else is text (amounts are parsed exactly from it later). Both `Z` and
/// `+0000` date-times are text the mapper reads (crms.md 2.6: the CSV format is unverified).
enum SalesforceBulkCSV {
    /// The records, or `nil` when there is no header line.
    static func records(_ text: String) -> [SalesforceWire.Record]? {
        let rows = parse(text)
        guard let header = rows.first, !header.isEmpty else { return nil }
        return rows.dropFirst().filter { $0 != [""] }.map { cells in
            var fields: [String: SalesforceWire.Value] = [:]
            for (name, cell) in zip(header, cells) {
                switch cell {
                case "": fields[name] = .null
                case "true": fields[name] = .boolean(true)
                case "false": fields[name] = .boolean(false)
                default: fields[name] = .text(cell)
                }
            }
            return SalesforceWire.Record(fields: fields)
        }
    }

    /// Rows of cells (an empty cell, quoted or not, is empty text).
    private static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var isQuoted = false
        var wasQuoted = false
        var characters = text.makeIterator()
        var pending: Character?
        while let character = pending ?? characters.next() {
            pending = nil
            if isQuoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        cell.append("\"")
                    } else {
                        isQuoted = false
                        pending = next
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                isQuoted = true
                wasQuoted = true
            } else if character == "," {
                row.append(cell)
                cell = ""
                wasQuoted = false
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
                wasQuoted = false
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || wasQuoted || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}
