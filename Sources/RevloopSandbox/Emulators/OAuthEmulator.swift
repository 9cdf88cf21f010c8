internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopIdentity
internal import Synchronization

/// The OAuth token endpoints of Google (`POST /token`) and LinkedIn (`POST /oauth/v2/accessToken`): the
/// refresh-token grant for registered clients (RFC 6749), and Google's service-account JWT bearer grant
/// (RFC 7523) for registered accounts, whose RS256 signature is verified with the account's key. The tokens it issues
/// (`sbx-at-N`) expire after `lifetime`; the ad-platform emulators refuse them afterwards with a 401, and
/// accept any other bearer token (a fixed token, as `revloop.sandbox.yaml` uses).
public final class OAuthEmulator: Sendable {
    public struct Client: Hashable, Sendable {
        public var id: String
        public var secret: String
        public var refreshToken: String

        public init(id: String, secret: String, refreshToken: String) {
            self.id = id
            self.secret = secret
            self.refreshToken = refreshToken
        }
    }

    private let clients: [Client]
    /// Service accounts by `client_email`: the PEM key their assertions are verified with.
    private let serviceAccounts: [String: String]
    private let lifetimeSeconds: Int64
    /// What LinkedIn's endpoint reports as the refresh token's remaining life (`refresh_token_expires_in`).
    private let refreshTokenSeconds: Int64
    private let state = Mutex((issued: [String: Timestamp](), count: 0))

    public init(
        clients: [Client], serviceAccounts: [String: String] = [:], lifetimeSeconds: Int64 = 3_600,
        refreshTokenSeconds: Int64 = 365 * 86_400
    ) {
        self.clients = clients
        self.serviceAccounts = serviceAccounts
        self.lifetimeSeconds = lifetimeSeconds
        self.refreshTokenSeconds = refreshTokenSeconds
    }

    /// Tokens granted so far.
    public var grants: Int { state.withLock { $0.count } }

    /// Expires every token issued so far (a revocation, or an hour passing).
    public func expireAll() { state.withLock { $0.issued = [:] } }

    func handles(path: String) -> Bool { path == "/token" || path == "/oauth/v2/accessToken" }

    /// Whether an ad-platform emulator accepts this bearer token now.
    func accepts(_ token: String, now: Timestamp) -> Bool {
        guard token.hasPrefix("sbx-at-") else { return true }
        return state.withLock { $0.issued[token].map { $0 > now } ?? false }
    }

    func handle(_ request: HTTPRequest, now: Timestamp) -> HTTPResponse {
        let form = Self.form(request.body)
        switch form["grant_type"] {
        case "refresh_token":
            guard
                let client = clients.first(where: { $0.id == form["client_id"] && $0.secret == form["client_secret"] })
            else {
                return EmulatorJSON.response(401, ["error": "invalid_client", "error_description": "Unauthorized"])
            }
            guard form["refresh_token"] == client.refreshToken else {
                return Self.invalidGrant("Token has been expired or revoked.")
            }
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            if let problem = assertionProblem(form["assertion"] ?? "", path: request.url.path, now: now) {
                return Self.invalidGrant(problem)
            }
        default:
            return EmulatorJSON.response(
                400, ["error": "unsupported_grant_type", "error_description": "refresh_token or jwt-bearer"])
        }
        let token = state.withLock { state -> String in
            state.count += 1
            let token = "sbx-at-\(state.count)"
            state.issued[token] = now.adding(milliseconds: lifetimeSeconds * 1_000)
            return token
        }
        var answer: [String: Any] = ["access_token": token, "expires_in": lifetimeSeconds, "token_type": "Bearer"]
        // LinkedIn's refresh tokens live a year from authorization and its endpoint says how much is left.
        if request.url.path == "/oauth/v2/accessToken", form["grant_type"] == "refresh_token" {
            answer["refresh_token_expires_in"] = refreshTokenSeconds
        }
        return EmulatorJSON.response(200, answer)
    }

    /// What is wrong with a service account's JWT, or `nil`: RS256, a known issuer, this endpoint as the
    /// audience, a scope, at most an hour of validity, not expired, and a signature the account's key verifies.
    private func assertionProblem(_ jwt: String, path: String, now: Timestamp) -> String? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any],
            let claims = (try? JSONSerialization.jsonObject(with: Data(claimBytes))) as? [String: Any]
        else { return "Invalid JWT: not three base64url parts" }
        guard header["alg"] as? String == "RS256" else { return "Invalid JWT: alg must be RS256" }
        guard let issuer = claims["iss"] as? String, let key = serviceAccounts[issuer] else {
            return "Invalid JWT: unknown service account"
        }
        guard let audience = claims["aud"] as? String, audience.hasSuffix(path) else {
            return "Invalid JWT: aud must be this token endpoint"
        }
        guard (claims["scope"] as? String)?.isEmpty == false else { return "Invalid JWT: no scope" }
        let issued = (claims["iat"] as? NSNumber)?.int64Value ?? 0
        let expires = (claims["exp"] as? NSNumber)?.int64Value ?? 0
        let seconds = now.secondsSinceEpoch
        guard expires > seconds, expires - issued <= 3_600, issued <= seconds + 60 else {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe"
        }
        let signed = Array((parts[0] + "." + parts[1]).utf8)
        guard RSASHA256.verify(signature, of: signed, keyPEM: key) else { return "Invalid JWT Signature." }
        return nil
    }

    static func invalidGrant(_ description: String) -> HTTPResponse {
        EmulatorJSON.response(400, ["error": "invalid_grant", "error_description": description])
    }

    static func form(_ body: Data?) -> [String: String] {
        let text = body.map { String(decoding: $0, as: UTF8.self) } ?? ""
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
