/// The project file, `revloop.yaml`: where the store lives and which connectors, destinations and
/// mappings are on, plus the schedule, allocator and default holdout.
public struct ProjectConfig: Hashable, Sendable {
    /// The project file as the user named it.
    public var sourcePath: String
    /// The SQLite store, resolved against the project file's folder.
    public var storePath: String
    /// Connector files (and folders of them) as listed, resolved against the project file's folder.
    public var connectorPaths: [String]
    /// Mapping files (and folders of them), resolved likewise.
    public var mappingPaths: [String]
    /// Where each listed connector or mapping path is written in the project file, for messages.
    public var listedAt: [String: DiagnosticSource] = [:]
    public var destinations: [String: DestinationConfig]
    /// When `revloop schedule` runs its cycles.
    public var schedule = ScheduleConfig()
    /// How the scoring model behind `predicted` goals is retrained and watched.
    public var scoring = ScoringConfig()
    /// The decision engine's holdout and learning settings.
    public var personalization = PersonalizationConfig()
    public var allocator: AllocatorConfig?
    /// When delivery raises alerts and pauses a failing destination.
    public var alerts: AlertConfig?
    /// The default holdout share for mappings that do not set one.
    public var holdoutShare: Double
    /// Salt of the holdout hash: changing it reshuffles which deals are held out.
    public var holdoutSalt: String
    /// The dated exchange-rate table (`date,currency,usd_per_unit`), resolved; `nil` when none is named
    /// (then only deals already in a goal's currency can be valued).
    public var exchangeRatesPath: String?

    public init(sourcePath: String, storePath: String) {
        self.sourcePath = sourcePath
        self.storePath = storePath
        self.connectorPaths = []
        self.mappingPaths = []
        self.destinations = [:]
        self.holdoutShare = 0
        self.holdoutSalt = "revloop"
    }

    static let keys = [
        "version", "store", "connectors", "destinations", "mappings", "schedule", "allocator", "holdout",
        "fx_rates", "alerts", "scoring", "personalization",
    ]

    /// Reads `revloop.yaml`. `folder` is the file's directory ("" for the working directory).
    public static func read(_ document: ConfigDocument, folder: String, diagnostics: inout [Diagnostic])
        -> ProjectConfig?
    {
        guard let root = document.root else { return nil }
        let fields = root.mapping(allowed: keys, diagnostics: &diagnostics)
        func resolve(_ path: String) -> String { path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path }

        if let versionNode = fields["version"],
            let version = versionNode.integer(in: 1...1000, diagnostics: &diagnostics),
            version != 1
        {
            diagnostics.append(versionNode.error("this build reads project files of version 1; set 'version: 1'"))
        }
        var storePath = resolve(".revloop/revloop.sqlite")
        if let storeNode = fields["store"] {
            let storeFields = storeNode.mapping(allowed: ["path"], diagnostics: &diagnostics)
            if let path = storeFields["path"]?.requiredString("a file path", diagnostics: &diagnostics) {
                storePath = resolve(path)
            }
        }
        var config = ProjectConfig(sourcePath: document.path, storePath: storePath)
        func paths(_ key: String, _ what: String) -> [String] {
            (fields[key]?.list(diagnostics: &diagnostics) ?? []).compactMap { node in
                guard let path = node.requiredString(what, diagnostics: &diagnostics).map(resolve) else { return nil }
                config.listedAt[path] = node.source
                return path
            }
        }
        config.connectorPaths = paths("connectors", "a connector file or folder")
        if fields["connectors"] == nil {
            diagnostics.append(
                root.error("missing 'connectors': list the connector files, such as connectors/sample.yaml"))
        }
        config.mappingPaths = paths("mappings", "a mapping file or folder")
        if let destinationsNode = fields["destinations"] {
            for (name, node) in destinationsNode.entries(
                "a name to each ad account's settings", diagnostics: &diagnostics)
            {
                if let destination = DestinationConfig.read(name: name, node: node, diagnostics: &diagnostics) {
                    config.destinations[name] = destination
                }
            }
        }
        if let scheduleNode = fields["schedule"] {
            config.schedule = ScheduleConfig.read(scheduleNode, diagnostics: &diagnostics)
            // Connector names are known once their files are read: `Project` checks those.
            for name in config.schedule.destinations.keys.sorted() where config.destinations[name] == nil {
                diagnostics.append(
                    scheduleNode.error(
                        "schedule.destinations names '\(name)', which is not a destination (known: \(config.destinations.keys.sorted().joined(separator: ", ")))"
                    ))
            }
        }
        if let personalizationNode = fields["personalization"] {
            config.personalization = PersonalizationConfig.read(personalizationNode, diagnostics: &diagnostics)
        }
        if let scoringNode = fields["scoring"] {
            config.scoring = ScoringConfig.read(scoringNode, diagnostics: &diagnostics)
        }
        if let alertsNode = fields["alerts"] {
            config.alerts = AlertConfig.read(alertsNode, diagnostics: &diagnostics)
        }
        if let allocatorNode = fields["allocator"] {
            config.allocator = AllocatorConfig.read(allocatorNode, diagnostics: &diagnostics)
        }
        if let ratesNode = fields["fx_rates"],
            let path = ratesNode.requiredString("a CSV file path", diagnostics: &diagnostics)
        {
            config.exchangeRatesPath = resolve(path)
            config.listedAt[resolve(path)] = ratesNode.source
        }
        if let holdoutNode = fields["holdout"] {
            let holdoutFields = holdoutNode.mapping(allowed: ["share", "salt"], diagnostics: &diagnostics)
            config.holdoutShare = holdoutFields["share"]?.number(in: 0...0.5, diagnostics: &diagnostics) ?? 0
            if let salt = holdoutFields["salt"]?.requiredString("any text", diagnostics: &diagnostics) {
                config.holdoutSalt = salt
            }
        }
        return config
    }
}
