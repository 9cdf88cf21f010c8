/// A refused request as the client sees it: the HTTP status and `{"error": {"code", "field", "message"}}`.
/// Messages name the field and what it accepts, never the value sent (it may be a visitor's id).
public struct APIError: Error, Hashable, Sendable {
    public var status: Int
    /// Stable, for programs: `invalid_field`, `unknown_surface`, `unauthorized`...
    public var code: String
    /// The request field at fault (`limit`, `context.industry`), when one is.
    public var field: String?
    /// For people: what is wrong and what is accepted.
    public var message: String

    public init(status: Int, code: String, field: String? = nil, message: String) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
    }

    /// The JSON body.
    public var json: String {
        var text = #"{"error":{"code":"# + JSONText.quoted(code)
        if let field { text += #","field":"# + JSONText.quoted(field) }
        text += #","message":"# + JSONText.quoted(message) + "}}"
        return text
    }

    static func invalidField(_ field: String, _ accepts: String) -> APIError {
        APIError(status: 400, code: "invalid_field", field: field, message: "\(field) must be \(accepts)")
    }

    static func missingField(_ field: String, _ accepts: String) -> APIError {
        APIError(status: 400, code: "missing_field", field: field, message: "\(field) is required: \(accepts)")
    }

    static func unknownField(_ field: String, known: [String]) -> APIError {
        APIError(
            status: 400, code: "unknown_field", field: field,
            message: "\(field) is not a field of this request; the fields are \(known.joined(separator: ", "))")
    }
}
