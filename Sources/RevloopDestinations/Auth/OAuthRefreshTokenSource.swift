public import Foundation
public import RevloopCore
public import RevloopHTTP
internal import Synchronization

/// OAuth 2.0's refresh-token grant (RFC 6749 section 6), as Google and LinkedIn issue tokens: a
/// form-encoded POST of `grant_type=refresh_token` with the client's id and secret, answered with
/// `{access_token, expires_in}`. The token is cached until a minute before it expires.
public final class OAuthRefreshTokenSource: AccessTokenSource {
    public let tokenURL: URL
    private let clientID: String
    private let clientSecret: Secret
    private let refreshToken: Secret
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private let cached = Mutex<(token: Secret, expires: Timestamp)?>(nil)
    private let refreshTokenExpiry = Mutex<Timestamp?>(nil)

    public init(
        tokenURL: URL, clientID: String, clientSecret: Secret, refreshToken: Secret, transport: any HTTPTransport,
        clock: any WallClock = SystemWallClock()
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.transport = transport
        self.clock = clock
    }

    /// Google's and LinkedIn's token endpoints.
    public static func defaultTokenURL(for platform: Platform) -> URL? {
        switch platform {
        case .googleDataManager, .googleAds: URL(string: "https://oauth2.googleapis.com/token")
        case .linkedIn: URL(string: "https://www.linkedin.com/oauth/v2/accessToken")
        case .meta: nil
        }
    }

    public func accessToken(refresh: Bool) async throws(TokenError) -> Secret {
        let now = clock.now()
        if !refresh, let cached = cached.withLock({ $0 }), cached.expires > now.adding(milliseconds: 60_000) {
            return cached.token
        }
        let form = [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken.reveal()), ("client_id", clientID),
            ("client_secret", clientSecret.reveal()),
        ]
        let grant = try await OAuthTokenEndpoint.exchange(form, at: tokenURL, transport: transport)
        cached.withLock { $0 = (grant.token, now.adding(milliseconds: grant.lifetime * 1_000)) }
        if let left = grant.refreshTokenLifetime {
            refreshTokenExpiry.withLock { $0 = now.adding(milliseconds: left * 1_000) }
        }
        return grant.token
    }

    /// When the refresh token itself expires, once the endpoint has said (LinkedIn's
    /// `refresh_token_expires_in`; Google's do not expire on a clock).
    public var credentialExpiry: Timestamp? { refreshTokenExpiry.withLock { $0 } }
}

/// The token endpoint's side of every OAuth grant: form in, `{access_token, expires_in}` or
/// `{error, error_description}` out.
enum OAuthTokenEndpoint {
    static func exchange(_ form: [(String, String)], at url: URL, transport: any HTTPTransport)
        async throws(TokenError) -> (token: Secret, lifetime: Int64, refreshTokenLifetime: Int64?)
    {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        let request = HTTPRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data(body.utf8))
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw TokenError("the token endpoint \(url.host ?? url.absoluteString) did not answer: \(error)")
        }
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard response.status == 200, let token = json?["access_token"] as? String, !token.isEmpty else {
            let code = json?["error"] as? String ?? "HTTP_\(response.status)"
            let advice =
                code == "invalid_grant"
                ? "the refresh token is expired or revoked: authorize again and store the new refresh token"
                : code == "invalid_client"
                    ? "the client id or secret is wrong: check client_id and client_secret" : "check the credentials"
            throw TokenError("the token endpoint refused the request (\(code)): \(advice)")
        }
        let lifetime = (json?["expires_in"] as? NSNumber)?.int64Value ?? 3_600
        return (Secret(token), lifetime, (json?["refresh_token_expires_in"] as? NSNumber)?.int64Value)
    }
}
