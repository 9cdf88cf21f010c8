internal import Foundation

/// Salesforce's JSON shapes (crms.md 2.1, 2.2, 2.7), decoded leniently: a record's fields are whatever the
/// query selected, each a string, a number (kept as exact decimal text), a boolean or null.
enum SalesforceWire {
    /// A query page: `totalSize` counts every match, `nextRecordsUrl` is present while `done` is false.
    struct QueryPage: Decodable {
        var totalSize: Int
        var done: Bool
        var nextRecordsUrl: String?
        var records: [Record]
    }

    /// One record: `attributes` and the selected fields.
    struct Record: Decodable {
        var fields: [String: Value]

        init(fields: [String: Value]) { self.fields = fields }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            fields = try container.decode([String: Value].self)
        }

        /// A field as text (numbers as their decimal text, booleans as `true`/`false`); `nil` when null or empty.
        func text(_ name: String) -> String? {
            switch fields[name] {
            case .text(let value)?: value.isEmpty ? nil : value
            case .number(let value)?: value
            case .boolean(let value)?: value ? "true" : "false"
            default: nil
            }
        }

        func flag(_ name: String) -> Bool { fields[name] == .boolean(true) }

        var id: String { text("Id") ?? "" }
    }

    /// A field's value. Nested objects (`attributes`, relationship fields) are kept as `.object`, unread.
    enum Value: Decodable, Equatable {
        case null
        case text(String)
        /// A JSON number, as exact decimal text (amounts are never read as floating point).
        case number(String)
        case boolean(Bool)
        case object

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else if let value = try? container.decode(String.self) {
                self = .text(value)
            } else if let value = try? container.decode(Decimal.self) {
                self = .number("\(value)")
            } else {
                self = .object
            }
        }
    }

    /// A Bulk API 2.0 job's info (the fields read here).
    struct BulkJob: Decodable {
        var id: String
        var state: String
        var errorMessage: String?
    }

    /// The token endpoint's answer: the session and the instance every later call goes to; a rotated
    /// refresh token when the connected app rotates them.
    struct Grant: Decodable {
        var accessToken: String
        var instanceURL: String
        var refreshToken: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case instanceURL = "instance_url"
            case refreshToken = "refresh_token"
        }
    }

    /// The token endpoint's refusal: `{"error": "invalid_grant", "error_description": "..."}`.
    struct GrantError: Decodable {
        var error: String
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// One entry of a REST error answer (a JSON array of these).
    struct ErrorEntry: Decodable {
        var message: String?
        var errorCode: String?
        var fields: [String]?
    }
}
