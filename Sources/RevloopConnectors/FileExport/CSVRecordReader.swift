internal import Foundation

/// Reads RFC 4180 CSV records (quoted fields, doubled quotes, line breaks inside quotes) from a file,
/// with the line each record starts on and the byte offset after it.
final class CSVRecordReader {
    private let lines: LineReader
    let path: String
    /// Column names from the header line.
    let header: [String]
    private let columnIndex: [String: Int]

    /// Opens the file and reads its header.
    init(path: String, displayPath: String) throws(ConnectorError) {
        self.path = displayPath
        lines = try LineReader(path: path)
        guard let headerLine = lines.nextLine(), let fields = CSVRecordReader.split(headerLine) else {
            throw ConnectorError(.badFormat, "\(displayPath):1: error: the file has no header line")
        }
        header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        columnIndex = index
    }

    /// The byte offset just after the header (where a first pull starts).
    var dataStartOffset: Int64 { lines.offset }
    var offset: Int64 { lines.offset }

    func seek(to offset: Int64, line: Int) { lines.seek(to: offset, line: line) }

    /// Throws a format error naming the columns the file lacks.
    func require(columns: [String]) throws(ConnectorError) {
        let missing = columns.filter { columnIndex[$0] == nil }
        guard missing.isEmpty else {
            throw ConnectorError(
                .badFormat,
                "\(path):1: error: missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); "
                    + "the header must name: \(columns.joined(separator: ","))")
        }
    }

    /// A quoted field may hold line breaks, but a record may not run on for more lines than this: an
    /// unclosed quote then costs one row, not the rest of the file.
    static let maximumLinesPerRecord = 50

    /// The 1-based number of the last line read (where the next record's cursor line is).
    var lineNumber: Int { lines.lineNumber }

    /// Whether reading stopped on an I/O error rather than at the end of the file.
    var hasReadError: Bool { lines.hasReadError }

    /// The next record as a row, or `nil` at the end of the file. With `firstFieldWanted`, a line without
    /// quotes whose first field it refuses is passed over unsplit (a quoted line is always read whole, so
    /// a record spanning lines is never cut).
    func nextRecord(firstFieldWanted: ((String) -> Bool)? = nil) -> CSVRow? {
        var first: String?
        if let firstFieldWanted {
            // Decided on the bytes: a refused line never becomes a String.
            while let line = lines.nextLine({ bytes -> String? in
                if !bytes.contains(UInt8(ascii: "\"")) {
                    let end = bytes.firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                    let field = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
                    if !firstFieldWanted(field) { return nil }
                }
                return String(decoding: bytes, as: UTF8.self)
            }) {
                if let line {
                    first = line
                    break
                }
            }
        } else {
            first = lines.nextLine()
        }
        guard var text = first else { return nil }
        let line = lines.lineNumber
        let afterFirstLine = lines.offset
        var extraLines = 0
        while true {
            if let fields = CSVRecordReader.split(text) {
                return CSVRow(fields: fields, line: line, columns: columnIndex, expectedFieldCount: header.count)
            }
            // An open quote: the record continues on the next line, up to the limit.
            guard extraLines < Self.maximumLinesPerRecord, let more = lines.nextLine() else {
                lines.seek(to: afterFirstLine, line: line)
                return CSVRow(fields: nil, line: line, columns: columnIndex, expectedFieldCount: header.count)
            }
            extraLines += 1
            text += "\n" + more
        }
    }

    /// Splits one record; `nil` when a quoted field is still open at the end of the text.
    static func split(_ text: String) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var iterator = text.utf8.makeIterator()
        var pending = iterator.next()
        while let byte = pending {
            pending = iterator.next()
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if pending == UInt8(ascii: "\"") {
                        field.append(byte)
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if byte == UInt8(ascii: "\""), field.isEmpty {
                inQuotes = true
            } else {
                field.append(byte)
            }
        }
        guard !inQuotes else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}

/// One CSV record, read by column name.
struct CSVRow {
    /// `nil` when the record was malformed (an unterminated quote).
    let fields: [String]?
    let line: Int
    let columns: [String: Int]
    let expectedFieldCount: Int

    /// Why the row cannot be read at all, if it cannot: an unclosed quote, or a field count that differs
    /// from the header's (an unquoted comma would otherwise shift values into the wrong columns).
    var structuralProblem: String? {
        guard let fields else {
            return
                "a quoted field is not closed within \(CSVRecordReader.maximumLinesPerRecord) lines; the row is skipped"
        }
        guard fields.count == expectedFieldCount else {
            return "the row has \(fields.count) fields where the header has \(expectedFieldCount); the row is skipped "
                + "(quote values that contain commas)"
        }
        return nil
    }

    /// The field's value, `nil` when the column is absent or the value empty.
    subscript(_ column: String) -> String? {
        guard let fields, let index = columns[column], index < fields.count else { return nil }
        let value = fields[index]
        return value.isEmpty ? nil : value
    }
}
