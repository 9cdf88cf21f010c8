internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import Synchronization

/// The OAuth token endpoints of Google (`POST /token`) and LinkedIn (`POST /oauth/v2/accessToken`): the
/// refresh-token grant for registered clients, answered as RFC 6749 says. The tokens it issues
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
    private let lifetimeSeconds: Int64
    private let state = Mutex((issued: [String: Timestamp](), count: 0))

    public init(clients: [Client], lifetimeSeconds: Int64 = 3_600) {
        self.clients = clients
        self.lifetimeSeconds = lifetimeSeconds
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
        guard form["grant_type"] == "refresh_token" else {
            return EmulatorJSON.response(
                400, ["error": "unsupported_grant_type", "error_description": "only refresh_token is emulated"])
        }
        guard let client = clients.first(where: { $0.id == form["client_id"] && $0.secret == form["client_secret"] })
        else {
            return EmulatorJSON.response(401, ["error": "invalid_client", "error_description": "Unauthorized"])
        }
        guard form["refresh_token"] == client.refreshToken else {
            return EmulatorJSON.response(
                400, ["error": "invalid_grant", "error_description": "Token has been expired or revoked."])
        }
        let token = state.withLock { state -> String in
            state.count += 1
            let token = "sbx-at-\(state.count)"
            state.issued[token] = now.adding(milliseconds: lifetimeSeconds * 1_000)
            return token
        }
        return EmulatorJSON.response(
            200, ["access_token": token, "expires_in": lifetimeSeconds, "token_type": "Bearer"])
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
