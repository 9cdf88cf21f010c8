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
    /// For API connectors: the contact (person) field that holds each kind of click id. HubSpot's own
    /// properties by default, for portals that capture click ids in custom properties (`gclid`, `gbraid`) to
    /// name (`click_id_properties`); Salesforce has none, so its custom fields (`GCLID__c` by default) are
    /// named by `click_id_fields` and read on Contact and on converted Leads; Pipedrive has none either, so
    /// its person custom fields' 40-character keys are named by `click_id_fields` (none read by default).
    public var clickIDProperties: [ClickIDKind: String]

    /// For Salesforce: the REST API version (`61.0`), sent as `/services/data/v61.0/...`.
    public var salesforceAPIVersion: String = "61.0"
    /// For Salesforce's JWT bearer flow: the user the connected app acts as, the PEM private key of the
    /// certificate uploaded to the app (as a secret reference), and the `aud` claim (the login host).
    public var username: String?
    public var privateKey: SecretReference?
    public var audience: String = "https://login.salesforce.com"
    /// For Salesforce: whether the org has multi-currency on (`CurrencyIsoCode` on each opportunity); a
    /// single-currency org's amounts are in `default_currency`.
    public var isMultiCurrency: Bool = true
    /// For Salesforce: the Opportunity field holding why a deal was lost (no standard field has it).
    public var lostReasonField: String?
    /// For Salesforce: whether converted leads' click-id fields (`click_id_fields` too) are read as well and
    /// credited to the contact they became, for orgs whose lead conversion does not copy them (crms.md 6).
    public var readsConvertedLeads: Bool = true
    /// For Salesforce: whether contacts, leads and opportunities come from Bulk API 2.0 query jobs (large
    /// pulls: one job per window, results in chunks of `page_size`) instead of REST `queryAll` pages.
    public var usesBulkAPI: Bool = false
    /// For Salesforce: the share of the org's daily API allocation (as `Sforce-Limit-Info` reports it) at which
    /// a pull stops between pages, so other integrations keep the rest (Singer's tap stops at 80%).
    public var maxAPIUsageShare: Double = 0.8
    /// For Pipedrive: whether each changed deal that ever moved stage has its flow read (one request per deal),
    /// so its stage history holds every stage it passed through, not only the current one.
    public var readsDealFlow: Bool = true
    /// For Pipedrive: whether each changed deal has its persons read (one request per deal), so it links every
    /// person, not only `person_id`.
    public var readsDealPersons: Bool = true
    /// For Pipedrive: whether each pull lists every person id and drops (or folds into their survivor) the
    /// stored persons Pipedrive no longer lists: its lists name no deleted or merged-away person.
    public var reconcilesPersons: Bool = true

    public init(name: ConnectorName, kind: Kind, sourcePath: String) {
        self.name = name
        self.kind = kind
        self.sourcePath = sourcePath
        self.defaultRegion = "US"
        self.defaultCurrency = .usd
        self.timestampRebase = .none
        self.batchSize = 2000
        self.clickIDProperties = Self.defaultClickIDProperties(kind)
    }

    /// Where each click-id kind lives unless the connector file says otherwise (crms.md 1.8 and 2.4).
    public static func defaultClickIDProperties(_ kind: Kind) -> [ClickIDKind: String] {
        switch kind {
        case .salesforce: [.gclid: "GCLID__c"]
        case .pipedrive: [:]
        default:
            [
                .gclid: "hs_google_click_id", .fbclid: "hs_facebook_click_id",
                .linkedInFirstPartyID: "hs_linkedin_click_id",
            ]
        }
    }

    static let keys = [
        "name", "kind", "path", "default_region", "default_currency", "timezone", "rebase_timestamps", "batch_size",
        "base_url", "access_token", "refresh_token", "client_id", "client_secret", "api_version", "lookback",
        "page_size", "requests_per_10_seconds", "search_requests_per_second", "request_timeout", "username",
        "private_key", "audience", "click_id_fields", "multi_currency", "lost_reason_field", "click_id_properties",
        "read_converted_leads", "bulk_api", "max_api_usage", "api_token", "read_deal_flow", "read_deal_persons",
        "reconcile_persons",
    ]

    /// Keys only API connectors read.
    static let apiKeys: Set<String> = [
        "base_url", "access_token", "refresh_token", "client_id", "client_secret", "api_version", "lookback",
        "page_size", "requests_per_10_seconds", "search_requests_per_second", "request_timeout", "username",
        "private_key", "audience", "click_id_fields", "multi_currency", "lost_reason_field", "click_id_properties",
        "read_converted_leads", "bulk_api", "max_api_usage", "api_token", "read_deal_flow", "read_deal_persons",
        "reconcile_persons",
    ]

    /// The keys each kind of API connector reads; an API key another kind reads is an error naming it.
    static let keysRead: [Kind: Set<String>] = [
        .hubspot: [
            "base_url", "access_token", "refresh_token", "client_id", "client_secret", "api_version", "lookback",
            "page_size", "requests_per_10_seconds", "search_requests_per_second", "request_timeout",
            "click_id_properties",
        ],
        .salesforce: [
            "base_url", "refresh_token", "client_id", "client_secret", "username", "private_key", "audience",
            "api_version", "lookback", "page_size", "request_timeout", "click_id_fields", "multi_currency",
            "lost_reason_field", "read_converted_leads", "bulk_api", "max_api_usage",
        ],
        .pipedrive: [
            "base_url", "api_token", "lookback", "page_size", "request_timeout", "click_id_fields", "read_deal_flow",
            "read_deal_persons", "reconcile_persons",
        ],
    ]

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
        if kind == .file {
            for key in apiKeys.sorted() {
                if let node = fields[key] {
                    diagnostics.append(
                        node.error(
                            "'\(key)' is for API connectors (hubspot, salesforce, pipedrive); a 'file' connector reads 'path'"
                        ))
                }
            }
        } else {
            refuseKeysNotRead(by: kind, in: fields, diagnostics: &diagnostics)
            switch kind {
            case .hubspot: readHubSpot(fields, root: root, into: &config, diagnostics: &diagnostics)
            case .salesforce: readSalesforce(fields, root: root, into: &config, diagnostics: &diagnostics)
            case .pipedrive: readPipedrive(fields, root: root, into: &config, diagnostics: &diagnostics)
            case .file: break
            }
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

    /// The keys every API connector reads: the base URL, the look-back overlap and the request timeout.
    private static func readAPICommon(
        _ fields: [String: ConfigNode], example: String, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        config.baseURL = fields["base_url"]?.requiredString("a URL", diagnostics: &diagnostics)
        if let node = fields["base_url"], let url = config.baseURL,
            !(url.hasPrefix("https://") || url.hasPrefix("http://"))
        {
            diagnostics.append(node.error("'base_url' must be an http(s) URL such as \(example)"))
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
        if let node = fields["request_timeout"], let text = node.string(diagnostics: &diagnostics) {
            if let seconds = DurationText.seconds(text) {
                config.requestTimeoutSeconds = seconds
            } else {
                diagnostics.append(node.error("'request_timeout' must be a duration such as 30s or 2m"))
            }
        }
    }

    /// A click-id kind to field map (HubSpot's `click_id_properties`, Salesforce's `click_id_fields`): known
    /// kinds, field names of letters, digits and `_`.
    private static func clickIDMap(_ node: ConfigNode, of what: String, diagnostics: inout [Diagnostic])
        -> [ClickIDKind: String]
    {
        var map: [ClickIDKind: String] = [:]
        for (key, value) in node.entries("click-id kinds to fields", diagnostics: &diagnostics) {
            guard let kind = ClickIDKind(rawValue: key) else {
                diagnostics.append(
                    value.error(
                        "'\(key)' is not a click-id kind (one of: \(ClickIDKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                    ))
                continue
            }
            guard let field = value.requiredString("a \(what)", diagnostics: &diagnostics) else { continue }
            guard !field.isEmpty, field.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                diagnostics.append(value.error("'\(field)' is not a \(what): letters, digits and _ only"))
                continue
            }
            map[kind] = field
        }
        return map
    }

    /// The keys of a HubSpot connector: credentials (a private-app token, or an OAuth app's refresh token),
    /// the base URL and path style, the look-back overlap, page size, request pacing and timeout.
    private static func readHubSpot(
        _ fields: [String: ConfigNode], root: ConfigNode, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        readAPICommon(fields, example: "https://api.hubapi.com", into: &config, diagnostics: &diagnostics)
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
        if let size = fields["page_size"]?.integer(in: 1...200, diagnostics: &diagnostics) { config.pageSize = size }
        if let limit = fields["requests_per_10_seconds"]?.integer(in: 0...10_000, diagnostics: &diagnostics) {
            config.requestsPerTenSeconds = limit
        }
        if let limit = fields["search_requests_per_second"]?.integer(in: 0...1_000, diagnostics: &diagnostics) {
            config.searchRequestsPerSecond = limit
        }
        if let node = fields["click_id_properties"] {
            config.clickIDProperties = clickIDMap(node, of: "contact property name", diagnostics: &diagnostics)
        }
    }

    /// The keys of a Salesforce connector (crms.md 2): the login host, credentials (a connected app's
    /// refresh token, or the JWT bearer flow with a user, a private key and an audience), the API version,
    /// the click-id custom fields, single- or multi-currency, the loss-reason field, look-back, page size
    /// and timeout.
    private static func readSalesforce(
        _ fields: [String: ConfigNode], root: ConfigNode, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        readAPICommon(fields, example: "https://login.salesforce.com", into: &config, diagnostics: &diagnostics)
        config.pageSize = 2_000
        config.refreshToken = fields["refresh_token"]?.secretReference(diagnostics: &diagnostics)
        config.clientID = fields["client_id"]?.requiredString(
            "the connected app's consumer key", diagnostics: &diagnostics)
        config.clientSecret = fields["client_secret"]?.secretReference(diagnostics: &diagnostics)
        config.username = fields["username"]?.requiredString("a Salesforce username", diagnostics: &diagnostics)
        config.privateKey = fields["private_key"]?.secretReference(diagnostics: &diagnostics)
        let usesJWT = fields["private_key"] != nil || fields["username"] != nil
        if fields["refresh_token"] != nil, usesJWT, let node = fields["refresh_token"] {
            diagnostics.append(
                node.error(
                    "give either 'refresh_token' (the refresh-token flow) or 'username' with 'private_key' (the JWT bearer flow), not both"
                ))
        } else if fields["refresh_token"] == nil, !usesJWT {
            diagnostics.append(
                root.error(
                    "a 'salesforce' connector needs 'refresh_token: ${env:SALESFORCE_REFRESH_TOKEN}' with 'client_id' (and 'client_secret'), or 'client_id', 'username' and 'private_key: ${file:PATH}' for the JWT bearer flow"
                ))
        } else if usesJWT, fields["username"] == nil || fields["private_key"] == nil || fields["client_id"] == nil {
            diagnostics.append(
                root.error(
                    "the JWT bearer flow needs 'client_id' (the connected app's consumer key), 'username' and 'private_key' (the certificate's key, as ${file:PATH})"
                ))
        } else if fields["refresh_token"] != nil, fields["client_id"] == nil, let node = fields["refresh_token"] {
            diagnostics.append(node.error("'refresh_token' needs 'client_id' (the connected app that issued it)"))
        }
        if let node = fields["audience"], let text = node.string(diagnostics: &diagnostics) {
            if text.hasPrefix("https://") || text.hasPrefix("http://") {
                config.audience = text
            } else {
                diagnostics.append(
                    node.error(
                        "'audience' must be the login host: https://login.salesforce.com or https://test.salesforce.com"
                    ))
            }
        }
        if let node = fields["api_version"], let text = node.string(diagnostics: &diagnostics) {
            let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
            let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, let major = Int(parts[0]), major >= 31, parts[1] == "0" {
                config.salesforceAPIVersion = trimmed
            } else {
                diagnostics.append(node.error("'api_version' must be a whole Salesforce API version such as \"61.0\""))
            }
        }
        if let node = fields["click_id_fields"] {
            config.clickIDProperties = clickIDMap(
                node, of: "Contact field's API name (such as GCLID__c)", diagnostics: &diagnostics)
        }
        if let isMulti = fields["multi_currency"]?.boolean(diagnostics: &diagnostics) {
            config.isMultiCurrency = isMulti
        }
        if let reads = fields["read_converted_leads"]?.boolean(diagnostics: &diagnostics) {
            config.readsConvertedLeads = reads
        }
        if let bulk = fields["bulk_api"]?.boolean(diagnostics: &diagnostics) { config.usesBulkAPI = bulk }
        if let node = fields["max_api_usage"], let text = node.string(diagnostics: &diagnostics) {
            if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent > 0, percent <= 100 {
                config.maxAPIUsageShare = percent / 100
            } else {
                diagnostics.append(
                    node.error("'max_api_usage' must be a share of the daily API allocation such as 80% (at most 100%)")
                )
            }
        }
        if let node = fields["lost_reason_field"] {
            config.lostReasonField = node.requiredString("an Opportunity field's API name", diagnostics: &diagnostics)
        }
        if let size = fields["page_size"]?.integer(in: 200...2_000, diagnostics: &diagnostics) {
            config.pageSize = size
        }
    }

    /// Errors for the API keys `kind` does not read, naming the kinds that do.
    private static func refuseKeysNotRead(
        by kind: Kind, in fields: [String: ConfigNode], diagnostics: inout [Diagnostic]
    ) {
        let read = keysRead[kind] ?? []
        for key in apiKeys.subtracting(read).sorted() {
            guard let node = fields[key] else { continue }
            let readers = Kind.allCases.filter { keysRead[$0]?.contains(key) == true }.map { "'\($0.rawValue)'" }
            diagnostics.append(
                node.error(
                    "'\(key)' is for \(readers.joined(separator: " and ")) connectors; a '\(kind.rawValue)' connector does not read it"
                ))
        }
    }

    /// The keys of a Pipedrive connector: the API token, the company's base URL, and the person custom fields
    /// holding click ids.
    private static func readPipedrive(
        _ fields: [String: ConfigNode], root: ConfigNode, into config: inout ConnectorConfig,
        diagnostics: inout [Diagnostic]
    ) {
        readAPICommon(fields, example: "https://yourcompany.pipedrive.com", into: &config, diagnostics: &diagnostics)
        if let size = fields["page_size"]?.integer(in: 1...500, diagnostics: &diagnostics) { config.pageSize = size }
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
        if let reads = fields["read_deal_flow"]?.boolean(diagnostics: &diagnostics) { config.readsDealFlow = reads }
        if let reads = fields["read_deal_persons"]?.boolean(diagnostics: &diagnostics) {
            config.readsDealPersons = reads
        }
        if let reconciles = fields["reconcile_persons"]?.boolean(diagnostics: &diagnostics) {
            config.reconcilesPersons = reconciles
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
            config.clickIDProperties = keys
        }
    }
}
