internal import Foundation

/// Writes CSV records (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled.
enum CSVText {
    static func row(_ fields: [String]) -> String {
        var text = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            if field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                text.append("\"")
                text.append(field.replacingOccurrences(of: "\"", with: "\"\""))
                text.append("\"")
            } else {
                text.append(field)
            }
        }
        text.append("\n")
        return text
    }
}
