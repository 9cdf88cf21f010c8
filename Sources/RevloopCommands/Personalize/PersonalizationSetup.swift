internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization
internal import RevloopStore

/// What both `personalize` commands open: the project, its inventory (`personalization/*.yaml` beside
/// revloop.yaml), the store (decision log, identity graph, CRM snapshot) and the engine on top of them.
struct PersonalizationSetup {
    var inventory: ContentInventory
    var store: SQLiteStore
    var engine: PersonalizationEngine

    static func open(project: ProjectOptions, output: Output, seed: UInt64) async throws -> PersonalizationSetup {
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let folder = URL(fileURLWithPath: project.configPath).deletingLastPathComponent()
            .appendingPathComponent("personalization")
        let shown = (project.configPath as NSString).deletingLastPathComponent
        var diagnostics: [Diagnostic] = []
        let inventory = InventoryLoader.load(
            directory: folder, displayPath: shown.isEmpty ? "personalization" : "\(shown)/personalization",
            diagnostics: &diagnostics)
        for diagnostic in diagnostics { output.diagnostic(diagnostic) }
        guard let inventory, !diagnostics.containsErrors else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        try store.preferShortCheckpoints()
        let clock = try project.clock()
        do {
            // Lead scores from the active deal and lead models, when there are (read once: a model activated
            // later reaches ranking at the next start).
            let profiles = try await ScoredProfileSource.make(
                base: StoreProfileSource(store: store, clock: clock), store: store)
            var settings = PersonalizationSettings()
            settings.holdout = HoldoutAssignment(
                share: config.personalization.holdoutShare, salt: config.personalization.holdoutSalt)
            settings.explorationScale = config.personalization.exploration
            settings.engagementWeight = config.personalization.engagementWeight
            settings.downstreamWeight = config.personalization.downstreamWeight
            let engine = try await PersonalizationEngine.open(
                inventory: inventory, log: store, profiles: profiles, clock: clock, seed: seed, settings: settings)
            return PersonalizationSetup(inventory: inventory, store: store, engine: engine)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
    }
}
