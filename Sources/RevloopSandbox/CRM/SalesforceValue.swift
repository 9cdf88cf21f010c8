internal import Foundation
internal import RevloopCore

/// One field's value in the Salesforce emulator, typed as Salesforce types it (crms.md 2.3 and 2.8): text,
/// a number kept as its decimal text (amounts are never floating point), a boolean, a date-time, a date.
public enum SalesforceValue: Hashable, Sendable {
    case null
    case string(String)
    /// A JSON number, as exact decimal text (`317476.46`, `75`).
    case number(String)
    case boolean(Bool)
    /// Milliseconds since the epoch; on the wire `2026-11-29T10:00:00.000+0000`.
    case dateTime(Int64)
    /// `YYYY-MM-DD`.
    case date(String)

    /// Salesforce's JSON date-time: UTC, milliseconds, and an offset without a colon (`+0000`).
    public static func wireDateTime(_ milliseconds: Int64) -> String {
        let text = RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds))
        return String(text.dropLast(6)) + "+0000"
    }

    /// The value as JSON text.
    var json: String {
        switch self {
        case .null: "null"
        case .string(let text): Self.quoted(text)
        case .number(let text): text
        case .boolean(let value): value ? "true" : "false"
        case .dateTime(let milliseconds): Self.quoted(Self.wireDateTime(milliseconds))
        case .date(let day): Self.quoted(day)
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Orders two values of one field (nulls first, as SOQL's default `NULLS FIRST` for ascending order).
    static func precedes(_ left: SalesforceValue, _ right: SalesforceValue) -> Bool {
        switch (left, right) {
        case (.null, .null): false
        case (.null, _): true
        case (_, .null): false
        case (.string(let a), .string(let b)): a < b
        case (.number(let a), .number(let b)): (Double(a) ?? 0) < (Double(b) ?? 0)
        case (.boolean(let a), .boolean(let b)): !a && b
        case (.dateTime(let a), .dateTime(let b)): a < b
        case (.date(let a), .date(let b)): a < b
        default: false
        }
    }
}
