internal import Foundation
public import RevloopPersonalization

/// The body of `POST /v1/decisions`, read field by field so a refusal names the field and what it accepts.
/// Unknown fields are refused (400 `unknown_field`), so a misspelt `visitorId` is not silently dropped.
///
///     {"visitor_id": "v-42", "surface": "homepage_hero", "context": {"industry": "saas"}, "limit": 3}
public struct DecisionRequestBody: Decodable, Sendable {
    public static let fields = ["visitor_id", "surface", "context", "limit"]
    static let visitorAccepts = "a string of 1 to 256 characters (a pseudonymous id, never an email)"
    static let surfaceAccepts = "a string of 1 to 128 characters naming a surface of the inventory"
    static let contextAccepts =
        "an object of at most 32 fields, each name 1 to 64 characters and each value a string of at most 256"
    static let limitAccepts = "an integer from 1 to 20"

    public let request: DecisionRequest

    public init(from decoder: any Decoder) throws {
        let object = try JSONKey.object(of: decoder)
        var visitor: String?
        var surface: String?
        var context: [String: String] = [:]
        var limit = 3
        for key in object.allKeys {
            switch key.stringValue {
            case "visitor_id":
                visitor = try object.text(key, field: "visitor_id", maxLength: 256, accepts: Self.visitorAccepts)
            case "surface":
                surface = try object.text(key, field: "surface", maxLength: 128, accepts: Self.surfaceAccepts)
            case "context":
                if try object.decodeNil(forKey: key) { continue }
                let fields: KeyedDecodingContainer<JSONKey>
                do {
                    fields = try object.nestedContainer(keyedBy: JSONKey.self, forKey: key)
                } catch {
                    throw APIError.invalidField("context", Self.contextAccepts)
                }
                guard fields.allKeys.count <= 32 else { throw APIError.invalidField("context", Self.contextAccepts) }
                for name in fields.allKeys {
                    let field = "context." + name.stringValue
                    guard (1...64).contains(name.stringValue.count) else {
                        throw APIError.invalidField("context", Self.contextAccepts)
                    }
                    guard let value = try? fields.decode(String.self, forKey: name), value.count <= 256 else {
                        throw APIError.invalidField(field, "a string of at most 256 characters")
                    }
                    context[name.stringValue] = value
                }
            case "limit":
                guard let value = try? object.decode(Int.self, forKey: key), (1...20).contains(value) else {
                    throw APIError.invalidField("limit", Self.limitAccepts)
                }
                limit = value
            default:
                throw APIError.unknownField(key.stringValue, known: Self.fields)
            }
        }
        guard let visitor else { throw APIError.missingField("visitor_id", Self.visitorAccepts) }
        guard let surface else { throw APIError.missingField("surface", Self.surfaceAccepts) }
        request = DecisionRequest(visitorID: visitor, surface: surface, context: context, limit: limit)
    }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// A string field of 1 to `maxLength` characters, or the field's 400.
    func text(_ key: JSONKey, field: String, maxLength: Int, accepts: String) throws(APIError) -> String {
        guard let value = try? decode(String.self, forKey: key), (1...maxLength).contains(value.count) else {
            throw APIError.invalidField(field, accepts)
        }
        return value
    }
}
