/// A CRM source, as one `connectors/*.yaml` file describes it.
public struct ConnectorConfig: Hashable, Sendable {
    /// The kinds of CRM source.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A CRM export on disk in Revloop's documented format (the bundled sample is one).
        case file
        case hubspot
        case salesforce
        case pipedrive
    }

    /// How a file export's timestamps relate to the run's date.
    public enum TimestampRebase: String, Hashable, Sendable, CaseIterable {
        /// Timestamps are used as written.
        case none
        /// Every timestamp moves by whole days so the export's anchor date becomes the day of the first pull
        /// into a store (pinned in the store afterwards): a bundled sample then always looks fresh, and
        /// platform windows such as Meta's 7 days hold, without rewriting the files.
        case runDate = "run_date"
    }

    /// Which of HubSpot's two path styles a HubSpot connector calls (crms.md 0.1: the semantic versions
    /// end in September 2027).
    public enum HubSpotPathStyle: String, Hashable, Sendable, CaseIterable {
        /// `/crm/v3/objects/...`, `/crm/v4/associations/...`, `/oauth/v1/token`.
        case v3
        /// `/crm/objects/2026-03/...`, `/crm/associations/2026-03/...`, `/oauth/2026-03/token`.
        case dated2026March = "2026-03"
    }

    public var name: ConnectorName
    public var kind: Kind
    /// The connector file, as the user named it (for messages).
    public var sourcePath: String
    /// For `file`: the export folder, resolved against the connector file's folder.
    public var exportDirectory: String?
    /// ISO 3166-1 alpha-2 region for phone numbers written without a country code.
    public var defaultRegion: String
    /// Currency for amounts the export gives without one.
    public var defaultCurrency: CurrencyCode
    /// Offset applied to timestamps without a zone; `nil` makes such timestamps errors.
    public var naiveTimestampOffsetSeconds: Int?
    public var timestampRebase: TimestampRebase
    /// Records written per store transaction (and so per cursor step).
    public var batchSize: Int

    /// For API connectors: the API's base URL (HubSpot: `https://api.hubapi.com`; the sandbox's for rehearsals).
    public var baseURL: String?
    /// For HubSpot: a private-app token (or service key), as a secret reference.
    public var accessToken: SecretReference?
    /// For HubSpot OAuth apps: the refresh token and the app's client id and secret.
    public var refreshToken: SecretReference?
    public var clientID: String?
    public var clientSecret: SecretReference?
    /// For Pipedrive: the API token (Personal preferences > API), as a secret reference.
    public var apiToken: SecretReference?
    public var hubSpotPathStyle: HubSpotPathStyle = .v3
    /// For API connectors: how far before the last pull's end each pull starts again, in seconds, so
    /// changes that reached the CRM's search index late are still read.
    public var lookbackSeconds: Int = 3_600
    /// For API connectors: records per page (HubSpot's search: at most 200; Pipedrive's lists: at most 500).
    public var pageSize: Int = 200
    /// For HubSpot: requests a pull sends in any 10 seconds (0: no limit of its own) and search requests in
    /// any second (HubSpot allows 5).
    public var requestsPerTenSeconds: Int = 100
    public var searchRequestsPerSecond: Int = 5
    /// For API connectors: how long one request may take before it counts as timed out, in seconds.
    public var requestTimeoutSeconds: Int = 30
    /// For HubSpot: the contact property that holds each kind of click id. HubSpot's own properties by
    /// default; portals that capture click ids in custom properties (`gclid`, `gbraid`) name them here.
    public var clickIDProperties: [ClickIDKind: String] = [
        .gclid: "hs_google_click_id", .fbclid: "hs_facebook_click_id", .linkedInFirstPartyID: "hs_linkedin_click_id",
    ]
    /// For Pipedrive: the person custom field (its 40-character key) that holds each kind of click id. Pipedrive
    /// has no click-id fields of its own, so none are read unless named.
    public var clickIDFields: [ClickIDKind: String] = [:]

    public init(name: ConnectorName, kind: Kind, sourcePath: String) {
        self.name = name
        self.kind = kind
        self.sourcePath = sourcePath
        self.defaultRegion = "US"
        self.defaultCurrency = .usd
        self.timestampRebase = .none
        self.batchSize = 2000
    }

    static let keys = [
        "name", "kind", "path", "default_region", "default_currency", "timezone", "rebase_timestamps", "batch_size",
        "base_url", "access_token", "refresh_token", "client_id", "client_secret", "api_version", "lookback",
        "page_size", "requests_per_10_seconds", "search_requests_per_second", "request_timeout",
        "click_id_properties", "api_token", "click_id_fields",
    ]

    /// Keys only API connectors read.
    static let apiKeys: Set<String> = [
        "base_url", "access_token", "refresh_token", "client_id", "client_secret", "api_version", "lookback",
        "page_size", "requests_per_10_seconds", "search_requests_per_second", "request_timeout",
        "click_id_properties", "api_token", "click_id_fields",
    ]
    /// Keys only HubSpot reads, and keys only Pipedrive reads.
    static let hubSpotKeys: Set<String> = [
        "access_token", "refresh_token", "client_id", "client_secret", "api_version", "requests_per_10_seconds",
        "search_requests_per_second", "click_id_properties",
    ]
    static let pipedriveKeys: Set<String> = ["api_token", "click_id_fields"]

    /// Reads a connector file. `folder` is the connector file's directory, for relative paths.
    public static func read(
        _ document: ConfigDocument, folder: String, diagnostics: inout [Diagnostic]
    ) -> ConnectorConfig? {
        guard let root = document.root else { return nil }
        let fields = root.mapping(allowed: keys, diagnostics: &diagnostics)
        let name = fields["name"]?.requiredString("the connector's name", diagnostics: &diagnostics)
        let kind = fields["kind"]?.choice(Kind.self, diagnostics: &diagnostics)
        if fields["name"] == nil { diagnostics.append(root.error("missing 'name': give the connector a short name")) }
        if fields["kind"] == nil {
            diagnostics.append(
                root.error("missing 'kind' (one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        guard let name, let kind else { return nil }
        var config = ConnectorConfig(name: ConnectorName(name), kind: kind, sourcePath: document.path)
        if kind == .salesforce, let kindNode = fields["kind"] {
            diagnostics.append(
                kindNode.error(
                    "connector kind '\(kind.rawValue)' is not available yet in this build; use 'file' with an export, 'hubspot' or 'pipedrive'"
                ))
        }
        if kind == .file {
            for key in apiKeys.sorted() {
                if let node = fields[key] {
                    diagnostics.append(
                        node.error(
                            "'\(key)' is for API connectors (hubspot, pipedrive); a 'file' connector reads 'path'"))
                }
            }
        } else if kind == .hubspot {
            refuse(pipedriveKeys, of: "pipedrive", in: fields, kind: kind, diagnostics: &diagnostics)
            readAPI(fields, pageSizes: 1...200, into: &config, diagnostics: &diagnostics)
            readHubSpot(fields, root: root, into: &config, diagnostics: &diagnostics)
        } else if kind == .pipedrive {
            refuse(hubSpotKeys, of: "hubspot", in: fields, kind: kind, diagnostics: &diagnostics)
            readAPI(fields, pageSizes: 1...500, into: &config, diagnostics: &diagnostics)
            readPipedrive(fields, root: root, into: &config, diagnostics: &diagnostics)
        }
        if kind != .file, let pathNode = fields["path"] {
            diagnostics.append(pathNode.error("'path' is for 'file' connectors; an API connector reads 'base_url'"))
        } else if let pathNode = fields["path"],
            let path = pathNode.requiredString("the export folder", diagnostics: &diagnostics)
        {
            config.exportDirectory = path.hasPrefix("/") ? path : folder + "/" + path
        } else if kind == .file {
            diagnostics.append(root.error("a 'file' connector needs 'path': the folder that holds the export"))
        }
        if let regionNode = fields["default_region"], let region = regionNode.string(diagnostics: &diagnostics) {
            if region.count == 2, region.allSatisfy({ $0.isASCII && $0.isLetter }) {
                config.defaultRegion = region.uppercased()
            } else {
                diagnostics.append(
                    regionNode.error("'default_region' must be an ISO 3166-1 alpha-2 code such as US or DE"))
            }
        }
        if let currencyNode = fields["default_currency"], let text = currencyNode.string(diagnostics: &diagnostics) {
            if let currency = CurrencyCode(text) {
                config.defaultCurrency = currency
            } else {
                diagnostics.append(currencyNode.error("'default_currency' must be an ISO 4217 code such as USD or EUR"))
            }
        }
        if let zoneNode = fields["timezone"], let text = zoneNode.string(diagnostics: &diagnostics) {
            if let offset = UTCOffset.parse(text) {
                config.naiveTimestampOffsetSeconds = offset
            } else {
                diagnostics.append(zoneNode.error("'timezone' must be a UTC offset such as +00:00 or -05:00"))
            }
        }
        if let rebase = fields["rebase_timestamps"]?.choice(TimestampRebase.self, diagnostics: &diagnostics) {
            config.timestampRebase = rebase
        }
        if let size = fields["batch_size"]?.integer(in: 1...100_000, diagnostics: &diagnostics) {
            config.batchSize = size
        }
        return config
    }

    /// The keys only a HubSpot connector reads: credentials (a private-app token, or an OAuth app's refresh
    /// token), the path style, request pacing and the click-id properties.
    private static func readHubSpot(
        _ fields: [String: ConfigNode], root: ConfigNode, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        config.accessToken = fields["access_token"]?.secretReference(diagnostics: &diagnostics)
        config.refreshToken = fields["refresh_token"]?.secretReference(diagnostics: &diagnostics)
        config.clientID = fields["client_id"]?.requiredString("an OAuth client id", diagnostics: &diagnostics)
        config.clientSecret = fields["client_secret"]?.secretReference(diagnostics: &diagnostics)
        if fields["access_token"] != nil, fields["refresh_token"] != nil, let node = fields["refresh_token"] {
            diagnostics.append(
                node.error("give either 'access_token' (a private app) or 'refresh_token' (an OAuth app), not both"))
        } else if fields["access_token"] == nil, fields["refresh_token"] == nil {
            diagnostics.append(
                root.error(
                    "a 'hubspot' connector needs 'access_token: ${env:HUBSPOT_TOKEN}' (a private-app token) or 'refresh_token' with 'client_id' and 'client_secret' (an OAuth app)"
                ))
        } else if let node = fields["refresh_token"], fields["client_id"] == nil || fields["client_secret"] == nil {
            diagnostics.append(
                node.error("'refresh_token' needs 'client_id' and 'client_secret' (the OAuth app that issued it)"))
        }
        if let style = fields["api_version"]?.choice(HubSpotPathStyle.self, diagnostics: &diagnostics) {
            config.hubSpotPathStyle = style
        }
        if let limit = fields["requests_per_10_seconds"]?.integer(in: 0...10_000, diagnostics: &diagnostics) {
            config.requestsPerTenSeconds = limit
        }
        if let limit = fields["search_requests_per_second"]?.integer(in: 0...1_000, diagnostics: &diagnostics) {
            config.searchRequestsPerSecond = limit
        }
        if let node = fields["click_id_properties"] {
            var properties: [ClickIDKind: String] = [:]
            for (key, value) in node.entries("click-id kinds to contact properties", diagnostics: &diagnostics) {
                guard let kind = ClickIDKind(rawValue: key) else {
                    diagnostics.append(
                        value.error(
                            "'\(key)' is not a click-id kind (one of: \(ClickIDKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                        ))
                    continue
                }
                if let property = value.requiredString("a contact property name", diagnostics: &diagnostics) {
                    properties[kind] = property
                }
            }
            config.clickIDProperties = properties
        }
    }

    /// The keys every API connector reads: the base URL, the look-back overlap, page size and request timeout.
    private static func readAPI(
        _ fields: [String: ConfigNode], pageSizes: ClosedRange<Int>, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        config.baseURL = fields["base_url"]?.requiredString("a URL", diagnostics: &diagnostics)
        if let node = fields["base_url"], let url = config.baseURL,
            !(url.hasPrefix("https://") || url.hasPrefix("http://"))
        {
            diagnostics.append(
                node.error(
                    "'base_url' must be an http(s) URL such as https://api.hubapi.com or https://yourcompany.pipedrive.com"
                ))
        }
        if let node = fields["lookback"], let text = node.string(diagnostics: &diagnostics) {
            if text == "0" {
                config.lookbackSeconds = 0
            } else if let seconds = DurationText.seconds(text) {
                config.lookbackSeconds = seconds
            } else {
                diagnostics.append(node.error("'lookback' must be a duration such as 10m, 1h or 1d (or 0)"))
            }
        }
        if let size = fields["page_size"]?.integer(in: pageSizes, diagnostics: &diagnostics) { config.pageSize = size }
        if let node = fields["request_timeout"], let text = node.string(diagnostics: &diagnostics) {
            if let seconds = DurationText.seconds(text) {
                config.requestTimeoutSeconds = seconds
            } else {
                diagnostics.append(node.error("'request_timeout' must be a duration such as 30s or 2m"))
            }
        }
    }

    /// Errors for the keys of another API connector kind.
    private static func refuse(
        _ keys: Set<String>, of other: String, in fields: [String: ConfigNode], kind: Kind,
        diagnostics: inout [Diagnostic]
    ) {
        for key in keys.sorted() {
            if let node = fields[key] {
                diagnostics.append(
                    node.error("'\(key)' is for '\(other)' connectors; a '\(kind.rawValue)' connector does not read it")
                )
            }
        }
    }

    /// The keys of a Pipedrive connector: the API token, the company's base URL, and the person custom fields
    /// holding click ids.
    private static func readPipedrive(
        _ fields: [String: ConfigNode], root: ConfigNode, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        config.apiToken = fields["api_token"]?.secretReference(diagnostics: &diagnostics)
        if fields["api_token"] == nil {
            diagnostics.append(
                root.error(
                    "a 'pipedrive' connector needs 'api_token: ${env:PIPEDRIVE_API_TOKEN}' (Pipedrive: Personal preferences > API)"
                ))
        }
        if fields["base_url"] == nil {
            diagnostics.append(
                root.error("a 'pipedrive' connector needs 'base_url': your company's https://yourcompany.pipedrive.com")
            )
        }
        if let node = fields["click_id_fields"] {
            var keys: [ClickIDKind: String] = [:]
            for (name, value) in node.entries("click-id kinds to person custom field keys", diagnostics: &diagnostics) {
                guard let kind = ClickIDKind(rawValue: name) else {
                    diagnostics.append(
                        value.error(
                            "'\(name)' is not a click-id kind (one of: \(ClickIDKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                        ))
                    continue
                }
                guard let key = value.requiredString("a person custom field key", diagnostics: &diagnostics) else {
                    continue
                }
                if key.utf8.count != 40 || !key.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
                    diagnostics.append(
                        Diagnostic(
                            .warning,
                            "'\(name)': Pipedrive's custom field keys are 40 hexadecimal characters; check '\(key)' against the field's API key in Pipedrive's data fields settings",
                            at: value.source))
                }
                keys[kind] = key
            }
            config.clickIDFields = keys
        }
    }
}
