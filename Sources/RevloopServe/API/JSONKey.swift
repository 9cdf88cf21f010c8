/// Any key of a JSON object, so a body's fields can be walked one by one and an unknown one named.
struct JSONKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// The request body's top-level object, or the 400 every route answers for any other JSON.
    static func object(of decoder: any Decoder) throws(APIError) -> KeyedDecodingContainer<JSONKey> {
        do {
            return try decoder.container(keyedBy: JSONKey.self)
        } catch {
            throw APIError(status: 400, code: "invalid_body", message: "the body must be a JSON object")
        }
    }
}
