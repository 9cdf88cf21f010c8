internal import Foundation

/// A project loaded from `revloop.yaml` with its connector and mapping files, and every problem found.
public struct Project: Sendable {
    public var config: ProjectConfig?
    public var connectors: [ConnectorConfig]
    public var mappings: [MappingConfig]
    /// The project's exchange rates (empty when `fx_rates` is not set).
    public var exchangeRates = ExchangeRateTable()
    /// Every file read, in order (what `validate` reports on).
    public var filesRead: [String]
    public var diagnostics: [Diagnostic]

    /// Loads the project file at `path` and everything it names. Never throws: problems are diagnostics.
    public static func load(path: String) -> Project {
        var diagnostics: [Diagnostic] = []
        var filesRead = [path]
        let folder = (path as NSString).deletingLastPathComponent
        let document = ConfigDocument.load(url: URL(fileURLWithPath: path), path: path, diagnostics: &diagnostics)
        guard let config = ProjectConfig.read(document, folder: folder, diagnostics: &diagnostics) else {
            return Project(config: nil, connectors: [], mappings: [], filesRead: filesRead, diagnostics: diagnostics)
        }
        var connectors: [ConnectorConfig] = []
        for file in expand(config.connectorPaths, config: config, diagnostics: &diagnostics) {
            filesRead.append(file)
            let connectorDocument = ConfigDocument.load(
                url: URL(fileURLWithPath: file), path: file, diagnostics: &diagnostics)
            let connectorFolder = (file as NSString).deletingLastPathComponent
            if let connector = ConnectorConfig.read(
                connectorDocument, folder: connectorFolder, diagnostics: &diagnostics)
            {
                if connectors.contains(where: { $0.name == connector.name }) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "connector name '\(connector.name)' is used twice; names must be unique",
                            at: DiagnosticSource(path: file, line: 1)))
                }
                connectors.append(connector)
            }
        }
        let connectorNames = Set(connectors.map(\.name.rawValue))
        for name in config.schedule.connectors.keys.sorted() where !connectorNames.contains(name) {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "schedule.connectors names '\(name)', which is not a connector (known: \(connectorNames.sorted().joined(separator: ", ")))",
                    at: DiagnosticSource(path: path)))
        }
        var mappings: [MappingConfig] = []
        for file in expand(config.mappingPaths, config: config, diagnostics: &diagnostics) {
            filesRead.append(file)
            let mappingDocument = ConfigDocument.load(
                url: URL(fileURLWithPath: file), path: file, diagnostics: &diagnostics)
            if let mapping = MappingConfig.read(
                mappingDocument, destinations: config.destinations, diagnostics: &diagnostics)
            {
                mappings.append(mapping)
            }
        }
        var exchangeRates = ExchangeRateTable()
        if let ratesPath = config.exchangeRatesPath {
            filesRead.append(ratesPath)
            if let text = try? String(contentsOfFile: ratesPath, encoding: .utf8) {
                exchangeRates = ExchangeRateTable.parse(csv: text, path: ratesPath, diagnostics: &diagnostics)
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "cannot read the exchange-rate table \(ratesPath) named by 'fx_rates'; fix the path or remove the key",
                        at: config.listedAt[ratesPath] ?? DiagnosticSource(path: path)))
            }
        }
        var project = Project(
            config: config, connectors: connectors, mappings: mappings, filesRead: filesRead, diagnostics: diagnostics)
        project.exchangeRates = exchangeRates
        return project
    }

    /// Files as listed; a folder stands for the `.yaml` / `.yml` files directly in it, sorted.
    static func expand(_ paths: [String], config: ProjectConfig, diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "'\(path)' does not exist; fix the path or remove it from the list",
                        at: config.listedAt[path] ?? DiagnosticSource(path: config.sourcePath)))
                continue
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        return files
    }
}
