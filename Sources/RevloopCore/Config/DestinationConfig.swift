/// One ad-platform account Revloop may send to, as `revloop.yaml` names it under `destinations`.
public struct DestinationConfig: Hashable, Sendable {
    /// The key in `destinations` (mapping files refer to it).
    public var name: String
    public var platform: Platform
    /// The OAuth access token or system-user token.
    public var accessToken: SecretReference?
    /// A refresh token, for platforms that refresh (Google, LinkedIn), with the OAuth client's id and secret.
    public var refreshToken: SecretReference?
    public var clientID: String?
    public var clientSecret: SecretReference?
    /// The OAuth token endpoint (default: Google's or LinkedIn's).
    public var tokenURL: String?
    /// Google only: a service account's JSON key file, for the JWT bearer grant.
    public var serviceAccountKey: SecretReference?
    /// Overrides the platform's base URL (the sandbox emulators).
    public var baseURL: String?
    /// The pinned API version: LinkedIn's `LinkedIn-Version` (`YYYYMM`), Meta's Graph version (`v25.0`) or
    /// the Google Ads API's (`v26`). Data Manager has one version, `v1`.
    public var apiVersion: String?
    /// When the configured token expires, if the issuer said (a Meta user token's 60 days, a LinkedIn
    /// access token without a refresh token): the token-expiry alert and `doctor` read it.
    public var tokenExpiresAt: Timestamp?
    /// Meta's Test Events code, used by `revloop upload --test`.
    public var testEventCode: String?
    /// Events per request, below the platform's maximum (Data Manager and Google Ads 2,000, Meta 1,000,
    /// LinkedIn 5,000): smaller requests lose less to one failure and show progress sooner.
    public var batchSize: Int?
    /// A kill switch: nothing is sent to this destination (`revloop pause NAME` does the same).
    public var paused = false
    /// Requests in flight at once to this destination (default 4). For LinkedIn, which does not
    /// deduplicate, 1 keeps what a crash can leave in doubt to one batch.
    public var requestsInFlight: Int?
    /// Requests a minute the platform allows this project (Data Manager: 300); Revloop stays under it.
    public var requestsPerMinute: Int?
    /// The ad account whose spend `revloop spend pull` reads: a Google Ads customer id (for Google
    /// destinations, Data Manager's included), a Meta ad account (`act_...`), a LinkedIn sponsored account.
    public var adAccount: String?

    static let keys = [
        "platform", "access_token", "refresh_token", "base_url", "api_version", "test_event_code",
        "requests_per_minute", "batch_size", "client_id", "client_secret", "token_url",
        "service_account_key", "requests_in_flight", "paused", "token_expires_at", "ad_account",
    ]

    static func read(name: String, node: ConfigNode, diagnostics: inout [Diagnostic]) -> DestinationConfig? {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        guard let platformNode = fields["platform"] else {
            diagnostics.append(
                node.error(
                    "destination '\(name)' needs 'platform' (one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"
                ))
            return nil
        }
        guard let platform = platformNode.choice(Platform.self, diagnostics: &diagnostics) else { return nil }
        var config = DestinationConfig(name: name, platform: platform)
        config.accessToken = fields["access_token"]?.secretReference(diagnostics: &diagnostics)
        config.refreshToken = fields["refresh_token"]?.secretReference(diagnostics: &diagnostics)
        config.baseURL = fields["base_url"]?.requiredString("a URL", diagnostics: &diagnostics)
        if let versionNode = fields["api_version"], let version = versionNode.string(diagnostics: &diagnostics) {
            if let problem = Self.versionProblem(version, platform: platform) {
                diagnostics.append(versionNode.error(problem))
            }
            config.apiVersion = version
        }
        config.testEventCode = fields["test_event_code"]?.requiredString(
            "a Test Events code", diagnostics: &diagnostics)
        config.clientID = fields["client_id"]?.requiredString("an OAuth client id", diagnostics: &diagnostics)
        config.clientSecret = fields["client_secret"]?.secretReference(diagnostics: &diagnostics)
        config.tokenURL = fields["token_url"]?.requiredString("a URL", diagnostics: &diagnostics)
        if let keyNode = fields["service_account_key"] {
            config.serviceAccountKey = keyNode.secretReference(diagnostics: &diagnostics)
            if platform != .googleDataManager && platform != .googleAds {
                diagnostics.append(keyNode.error("'service_account_key' is for Google destinations only"))
            }
        }
        if let refreshNode = fields["refresh_token"] {
            if platform == .meta {
                diagnostics.append(
                    refreshNode.error(
                        "Meta tokens are not refreshed: give a system-user token as 'access_token' and drop 'refresh_token'"
                    ))
            } else if config.clientID == nil || config.clientSecret == nil {
                diagnostics.append(
                    refreshNode.error(
                        "'refresh_token' needs 'client_id' and 'client_secret' (the OAuth client that issued it)"))
            }
        }
        if let expiryNode = fields["token_expires_at"], let text = expiryNode.string(diagnostics: &diagnostics) {
            config.tokenExpiresAt = CalendarDay(iso: text)?.startInUTC ?? RFC3339.parse(text)
            if config.tokenExpiresAt == nil {
                diagnostics.append(
                    expiryNode.error(
                        "'token_expires_at' is a date (2027-01-31) or a timestamp with a zone (2027-01-31T12:00:00Z)"))
            }
        }
        config.adAccount = fields["ad_account"]?.requiredString("an ad account id", diagnostics: &diagnostics)
        config.paused = fields["paused"]?.boolean(diagnostics: &diagnostics) ?? false
        config.requestsInFlight = fields["requests_in_flight"]?.integer(in: 1...16, diagnostics: &diagnostics)
        config.batchSize = fields["batch_size"]?.integer(in: 1...5_000, diagnostics: &diagnostics)
        config.requestsPerMinute = fields["requests_per_minute"]?.integer(in: 1...1_000_000, diagnostics: &diagnostics)
        return config
    }

    /// What is wrong with `version` as `api_version` for `platform`, or `nil`.
    static func versionProblem(_ version: String, platform: Platform) -> String? {
        let digits = { (text: Substring) in !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        switch platform {
        case .linkedIn:
            return version.count == 6 && digits(Substring(version))
                ? nil : "'api_version' for LinkedIn is YYYYMM, such as \"202611\""
        case .meta:
            return version.hasPrefix("v") && version.hasSuffix(".0") && digits(version.dropFirst().dropLast(2))
                ? nil : "'api_version' for Meta is a Graph API version, such as \"v25.0\""
        case .googleAds:
            return version.hasPrefix("v") && digits(version.dropFirst())
                ? nil : "'api_version' for the Google Ads API is a major version, such as \"v26\""
        case .googleDataManager:
            return version == "v1" ? nil : "the Data Manager API has one version: drop 'api_version' (or set \"v1\")"
        }
    }

    /// The documented request quota when the file sets none: Data Manager allows 300 requests a minute
    /// per project; the others publish no firm number (ad-platforms.md), so they are paced by their 429s.
    public var effectiveRequestsPerMinute: Int? {
        requestsPerMinute ?? (platform == .googleDataManager ? 300 : nil)
    }

    public init(name: String, platform: Platform) {
        self.name = name
        self.platform = platform
    }
}
