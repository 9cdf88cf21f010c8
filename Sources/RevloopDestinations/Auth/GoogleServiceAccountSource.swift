public import Foundation
public import RevloopCore
public import RevloopHTTP
internal import RevloopIdentity
internal import Synchronization

/// Google's service-account flow (RFC 7523's JWT bearer grant): a JWT naming the account, the scope and
/// the token endpoint, signed RS256 with the account's private key, exchanged for an access token that is
/// cached until a minute before it expires. The key is the JSON file Google issues for the account.
public final class GoogleServiceAccountSource: AccessTokenSource {
    /// The parts of a service-account key file Revloop needs.
    public struct Key: Sendable {
        public var clientEmail: String
        public var privateKeyPEM: Secret
        public var tokenURI: String

        /// Reads the key file's JSON (`client_email`, `private_key`, `token_uri`).
        public init(json: Secret) throws(TokenError) {
            let object = (try? JSONSerialization.jsonObject(with: Data(json.reveal().utf8))) as? [String: Any]
            guard let email = object?["client_email"] as? String, let key = object?["private_key"] as? String else {
                throw TokenError(
                    "the service account key is not a Google key file (it needs client_email and private_key): download a JSON key for the account"
                )
            }
            clientEmail = email
            privateKeyPEM = Secret(key)
            tokenURI = object?["token_uri"] as? String ?? "https://oauth2.googleapis.com/token"
        }
    }

    /// The OAuth scope each Google path needs.
    public static func scope(for platform: Platform) -> String {
        platform == .googleAds
            ? "https://www.googleapis.com/auth/adwords" : "https://www.googleapis.com/auth/datamanager"
    }

    private let key: Key
    private let scope: String
    private let tokenURL: URL
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private let cached = Mutex<(token: Secret, expires: Timestamp)?>(nil)

    public init(
        key: Key, scope: String, tokenURL: URL? = nil, transport: any HTTPTransport,
        clock: any WallClock = SystemWallClock()
    ) throws(TokenError) {
        guard let url = tokenURL ?? URL(string: key.tokenURI) else {
            throw TokenError("the service account key's token_uri is not a URL")
        }
        self.key = key
        self.scope = scope
        self.tokenURL = url
        self.transport = transport
        self.clock = clock
    }

    public func accessToken(refresh: Bool) async throws(TokenError) -> Secret {
        let now = clock.now()
        if !refresh, let cached = cached.withLock({ $0 }), cached.expires > now.adding(milliseconds: 60_000) {
            return cached.token
        }
        let form = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", try assertion(at: now)),
        ]
        let grant = try await OAuthTokenEndpoint.exchange(form, at: tokenURL, transport: transport)
        cached.withLock { $0 = (grant.token, now.adding(milliseconds: grant.lifetime * 1_000)) }
        return grant.token
    }

    /// The signed JWT: `{"alg":"RS256","typ":"JWT"}` and the claims, valid for an hour from `now`.
    func assertion(at now: Timestamp) throws(TokenError) -> String {
        let issued = now.secondsSinceEpoch
        var claims = JSONWriter(capacity: 256)
        claims.beginObject()
        claims.field("iss", key.clientEmail)
        claims.field("scope", scope)
        claims.field("aud", tokenURL.absoluteString)
        claims.field("iat", issued)
        claims.field("exp", issued + 3_600)
        claims.endObject()
        let signingInput =
            Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(claims.bytes)
        do {
            let signature = try RSASHA256.sign(Array(signingInput.utf8), privateKeyPEM: key.privateKeyPEM.reveal())
            return signingInput + "." + Base64URL.encode(signature)
        } catch {
            throw TokenError("cannot sign with the service account key: \(error)")
        }
    }
}
