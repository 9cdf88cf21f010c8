public import RevloopCore

/// Where a destination's access token comes from: a fixed token, or an OAuth refresh. Delivery asks
/// for it before each request and, when a platform refuses the token, once more with `refresh: true`.
public protocol AccessTokenSource: Sendable {
    /// A token valid now; `refresh` asks for a new one even if the cached one has not expired.
    func accessToken(refresh: Bool) async throws(TokenError) -> Secret
    /// When the credential behind the tokens stops working (a refresh token's or a fixed token's end of
    /// life), when known: the token-expiry alert reads it.
    var credentialExpiry: Timestamp? { get }
}

extension AccessTokenSource {
    public var credentialExpiry: Timestamp? { nil }
}

/// A fixed access token (Meta's system-user token, or any token given as `access_token`): it cannot be
/// refreshed, so a refused one stays refused.
public struct StaticAccessToken: AccessTokenSource {
    private let token: Secret
    /// When the token expires, if the configuration says (`token_expires_at`).
    public let credentialExpiry: Timestamp?

    public init(_ token: Secret, expiresAt: Timestamp? = nil) {
        self.token = token
        self.credentialExpiry = expiresAt
    }

    public func accessToken(refresh: Bool) async throws(TokenError) -> Secret {
        if refresh {
            throw TokenError(
                "the access token was refused and cannot be refreshed: issue a new one, or configure refresh_token, client_id and client_secret"
            )
        }
        return token
    }
}
