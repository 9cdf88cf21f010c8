internal import Foundation

/// A whole CSV file in memory, column by column: what `score monitor` reads its reference and current
/// populations from (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
struct MonitorCSVTable {
    let path: String
    let header: [String]
    /// Rows of fields, each as long as the header.
    let rows: [[String]]

    /// Reads `path`; throws a message naming the file, the line and the fix.
    init(path: String) throws(MonitorInputError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw MonitorInputError("\(path): error: no such file; pass the CSV written by `revloop score predict`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MonitorInputError("\(path): error: cannot read the file; check its permissions")
        }
        var records = Self.records(String(decoding: data, as: UTF8.self))
        guard !records.isEmpty else {
            throw MonitorInputError("\(path):1: error: the file is empty; it needs a header line and rows")
        }
        header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        rows.reserveCapacity(records.count)
        for record in records {
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            guard record.fields.count == header.count else {
                throw MonitorInputError(
                    "\(path):\(record.line): error: the row has \(record.fields.count) fields where the header has "
                        + "\(header.count); quote values that contain commas")
            }
            rows.append(record.fields)
        }
        self.rows = rows
    }

    /// The position of `column`, or an error naming the file, the column and the columns there are.
    func index(of column: String, option: String) throws(MonitorInputError) -> Int {
        guard let index = header.firstIndex(of: column) else {
            let shown = header.prefix(12).joined(separator: ", ") + (header.count > 12 ? ", ..." : "")
            throw MonitorInputError(
                "\(path):1: error: no column '\(column)' (from \(option)); the header has: \(shown). "
                    + "Pass \(option) with one of these names")
        }
        return index
    }

    /// The values of one column.
    func column(_ index: Int) -> [String] { rows.map { $0[index] } }

    private static func records(_ text: String) -> [(fields: [String], line: Int)] {
        var records: [(fields: [String], line: Int)] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if byte == 10 || byte == 13 {
                if byte == 13 && index < bytes.count && bytes[index] == 10 { index += 1 }
                endField()
                records.append((fields, recordLine))
                fields = []
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append((fields, recordLine))
        }
        return records
    }
}
