/// An answer, independent of the HTTP library: the Hummingbird adapter copies it into one response write.
public struct APIResponse: Hashable, Sendable {
    public var status: Int
    public var contentType: String?
    /// Headers besides Content-Type (`WWW-Authenticate`, `Allow`).
    public var headers: [String: String]
    public var body: String

    public init(status: Int, contentType: String? = nil, headers: [String: String] = [:], body: String = "") {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ body: String) -> APIResponse {
        APIResponse(status: status, contentType: "application/json", body: body)
    }

    init(_ error: APIError) {
        self = .json(error.status, error.json)
        if error.status == 401 { headers["WWW-Authenticate"] = #"Bearer realm="revloop""# }
    }
}
