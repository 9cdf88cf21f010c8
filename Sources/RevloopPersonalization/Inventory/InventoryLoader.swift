public import Foundation
public import RevloopCore

/// Reads the content inventory from `personalization/*.yaml`, reporting every mistake as a
/// `file:line:column: error:` diagnostic that names the field and the fix (as `revloop validate` does
/// for the project's other config files).
///
/// ```yaml
/// features:                       # the context the policy learns from
///   industry: [software, fintech]
///   company_size: ["1-50", "51-500"]
/// blocks:
///   - id: fintech-case-study
///     surfaces: [homepage_hero]
///     industries: [fintech]
///     personas: [cfo]
///     funnel_stages: [consideration]
///     content_type: case_study
///     gating: gated               # ungated (default) | gated
///     audience: prospects         # any (default) | prospects | customers
///     eligible_when: {industry: [fintech]}
///     excluded_when: {device: [mobile]}
///     frequency_cap: {impressions: 3, window: 7d}
/// ```
public enum InventoryLoader {
    static let fileKeys = ["features", "blocks"]
    static let blockKeys = [
        "id", "surfaces", "industries", "personas", "funnel_stages", "content_type", "gating", "audience",
        "eligible_when", "excluded_when", "frequency_cap",
    ]

    /// Reads every `*.yaml` / `*.yml` file in `directory` (shown as `displayPath` in messages), in name order.
    /// `nil` when the folder holds no inventory; blocks with errors are left out and reported.
    public static func load(directory: URL, displayPath: String, diagnostics: inout [Diagnostic]) -> ContentInventory? {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, "no content inventory: create \(displayPath)/blocks.yaml with 'features:' and 'blocks:'",
                    at: DiagnosticSource(path: displayPath)))
            return nil
        }
        guard !names.isEmpty else {
            diagnostics.append(
                Diagnostic(
                    .error, "the folder holds no .yaml file; add one with 'features:' and 'blocks:'",
                    at: DiagnosticSource(path: displayPath)))
            return nil
        }
        var documents: [ConfigDocument] = []
        for name in names {
            documents.append(
                ConfigDocument.load(
                    url: directory.appendingPathComponent(name), path: "\(displayPath)/\(name)",
                    diagnostics: &diagnostics))
        }
        return inventory(from: documents, diagnostics: &diagnostics)
    }

    /// Reads one YAML text that came from `path` (tests and single-file inventories).
    public static func parse(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> ContentInventory {
        inventory(from: [ConfigDocument.parse(text, path: path, diagnostics: &diagnostics)], diagnostics: &diagnostics)
    }

    static func inventory(from documents: [ConfigDocument], diagnostics: inout [Diagnostic]) -> ContentInventory {
        var features: [String: [String]] = [:]
        var featureSources: [String: DiagnosticSource] = [:]
        var blocks: [ContentBlock] = []
        var blockSources: [String: DiagnosticSource] = [:]
        for document in documents {
            guard let root = document.root else { continue }
            let keys = root.mapping(allowed: fileKeys, diagnostics: &diagnostics)
            if let featureNode = keys["features"] {
                for (name, node) in featureMapping(featureNode, diagnostics: &diagnostics) {
                    if let earlier = featureSources[name] {
                        diagnostics.append(
                            node.error("feature '\(name)' is already declared at \(earlier); declare it once"))
                        continue
                    }
                    let values = strings(node, diagnostics: &diagnostics)
                    guard !values.isEmpty else {
                        diagnostics.append(node.error("'\(node.keyPath)' lists no values; list the values it takes"))
                        continue
                    }
                    features[name] = values
                    featureSources[name] = node.source
                }
            }
            for node in keys["blocks"]?.list(diagnostics: &diagnostics) ?? [] {
                guard let block = block(node, diagnostics: &diagnostics) else { continue }
                if let earlier = blockSources[block.id] {
                    diagnostics.append(
                        node.error("block id '\(block.id)' is already used at \(earlier); give each block its own id"))
                    continue
                }
                blockSources[block.id] = node.source
                blocks.append(block)
            }
        }
        if blocks.isEmpty, let first = documents.first {
            diagnostics.append(
                Diagnostic(
                    .warning, "the inventory has no blocks; add them under 'blocks:'",
                    at: DiagnosticSource(path: first.path, line: 1)))
        }
        return ContentInventory(blocks: blocks, features: features)
    }

    static func block(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> ContentBlock? {
        let keys = node.mapping(allowed: blockKeys, diagnostics: &diagnostics)
        let before = diagnostics.filter { $0.severity == .error }.count
        guard let idNode = keys["id"] else {
            diagnostics.append(node.error("a block has no 'id'; add a unique id such as 'fintech-case-study'"))
            return nil
        }
        guard let id = idNode.requiredString("a unique block id", diagnostics: &diagnostics) else { return nil }
        let surfaces = keys["surfaces"].map { strings($0, diagnostics: &diagnostics) } ?? []
        if surfaces.isEmpty {
            diagnostics.append(
                (keys["surfaces"] ?? node).error(
                    "block '\(id)' has no 'surfaces'; list where it can show, e.g. surfaces: [homepage_hero]"))
        }
        var rules: [EligibilityRule] = []
        for (key, isExclusion) in [("eligible_when", false), ("excluded_when", true)] {
            guard let ruleNode = keys[key] else { continue }
            for (feature, valuesNode) in featureMapping(ruleNode, diagnostics: &diagnostics) {
                let values = strings(valuesNode, diagnostics: &diagnostics)
                if values.isEmpty {
                    diagnostics.append(valuesNode.error("'\(valuesNode.keyPath)' lists no values; list at least one"))
                }
                rules.append(EligibilityRule(feature: feature, values: Set(values), isExclusion: isExclusion))
            }
        }
        var cap: FrequencyCap?
        if let capNode = keys["frequency_cap"] {
            let capKeys = capNode.mapping(allowed: ["impressions", "window"], diagnostics: &diagnostics)
            let impressions = capKeys["impressions"]?.integer(in: 1...1_000_000, diagnostics: &diagnostics)
            var window: Int?
            if let windowNode = capKeys["window"], let text = windowNode.string(diagnostics: &diagnostics) {
                window = DurationText.seconds(text)
                if window == nil {
                    diagnostics.append(
                        windowNode.error("'\(windowNode.keyPath)' is '\(text)'; write a duration such as 12h or 7d"))
                }
            }
            if let impressions, let window {
                cap = FrequencyCap(impressions: impressions, windowSeconds: window)
            } else if capKeys["impressions"] == nil || capKeys["window"] == nil {
                diagnostics.append(
                    capNode.error(
                        "'\(capNode.keyPath)' needs both 'impressions' and 'window' (e.g. {impressions: 3, window: 7d})"
                    ))
            }
        }
        let block = ContentBlock(
            id: id, surfaces: surfaces,
            industries: keys["industries"].map { strings($0, diagnostics: &diagnostics) } ?? [],
            personas: keys["personas"].map { strings($0, diagnostics: &diagnostics) } ?? [],
            funnelStages: keys["funnel_stages"].map { strings($0, diagnostics: &diagnostics) } ?? [],
            contentType: keys["content_type"].flatMap { $0.choice(ContentType.self, diagnostics: &diagnostics) }
                ?? .article,
            gating: keys["gating"].flatMap { $0.choice(Gating.self, diagnostics: &diagnostics) } ?? .ungated,
            audience: keys["audience"].flatMap { $0.choice(Audience.self, diagnostics: &diagnostics) } ?? .any,
            rules: rules, frequencyCap: cap)
        return diagnostics.filter { $0.severity == .error }.count == before ? block : nil
    }

    /// A mapping of feature name to node, in file order.
    static func featureMapping(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> [(String, ConfigNode)] {
        node.entries("feature names to lists of values, e.g. industry: [software, fintech]", diagnostics: &diagnostics)
            .map { ($0.key, $0.value) }
    }

    static func strings(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> [String] {
        node.list(diagnostics: &diagnostics).compactMap { $0.string(diagnostics: &diagnostics) }
    }
}
