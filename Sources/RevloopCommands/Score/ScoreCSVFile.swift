internal import Foundation

/// A whole CSV file in memory (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), with the
/// line each record starts on, for `score train` and `score predict`.
struct ScoreCSVFile {
    let path: String
    let header: [String]
    /// Data records (the header excluded); each has the header's field count.
    let records: [[String]]
    /// The 1-based file line each record starts on.
    let lines: [Int]

    /// Reads and splits `path`; errors name the file, the line and the fix.
    init(path: String) throws(ScoreCommandError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScoreCommandError("\(path): error: cannot read the file. Fix: check the path and its permissions.")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [[String]] = []
        var lines: [Int] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var index = 0
        var recordHasContent = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if recordHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                records.append(fields)
                lines.append(recordLine)
            }
            fields = []
            recordHasContent = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
                recordHasContent = true
            case UInt8(ascii: "\"") where field.isEmpty:
                inQuotes = true
                recordHasContent = true
            case 13:
                break
            case 10:
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if inQuotes {
            throw ScoreCommandError(
                "\(path):\(recordLine): error: a quoted field is never closed. Fix: close the quote or double "
                    + "the quotes inside it (\"\").")
        }
        if !field.isEmpty || !fields.isEmpty || recordHasContent { endRecord() }
        guard let header = records.first else {
            throw ScoreCommandError("\(path):1: error: the file is empty. Fix: give a CSV file with a header line.")
        }
        self.path = path
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (record, recordLine) in zip(records.dropFirst(), lines.dropFirst()) where record.count != header.count {
            throw ScoreCommandError(
                "\(path):\(recordLine): error: \(record.count) fields where the header has \(header.count). "
                    + "Fix: quote fields that contain commas, and give every row one value per header column.")
        }
        self.records = Array(records.dropFirst())
        self.lines = Array(lines.dropFirst())
    }

    /// The index of column `name`, or an error naming the columns the file has.
    func column(_ name: String, option: String) throws(ScoreCommandError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            let shown = header.prefix(12).joined(separator: ", ") + (header.count > 12 ? ", …" : "")
            throw ScoreCommandError(
                "\(path):1: error: \(option) names column '\(name)', which the header lacks (it has: \(shown)). "
                    + "Fix: use one of the header's column names.")
        }
        return index
    }

    /// A CSV line (RFC 4180 quoting) for output.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}
