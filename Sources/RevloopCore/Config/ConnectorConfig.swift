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
        if kind != .file, let kindNode = fields["kind"] {
            diagnostics.append(
                kindNode.error(
                    "connector kind '\(kind.rawValue)' is not available yet in this build; use 'file' with an export"))
        }
        if let pathNode = fields["path"],
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
}
