/// What the server reads from a request before its body: enough to route it, authenticate it and refuse a
/// wrong content type or an oversized body without reading a byte of it.
public struct APIRequestHead: Hashable, Sendable {
    public var method: String
    /// The path with any query string.
    public var path: String
    /// `Authorization` as sent (`Bearer KEY`).
    public var authorization: String?
    /// `X-API-Key` as sent.
    public var apiKey: String?
    public var contentType: String?
    /// `Content-Length`, when the client sent one (absent for a chunked body).
    public var contentLength: Int?

    public init(
        method: String, path: String, authorization: String? = nil, apiKey: String? = nil, contentType: String? = nil,
        contentLength: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.authorization = authorization
        self.apiKey = apiKey
        self.contentType = contentType
        self.contentLength = contentLength
    }
}
