internal import ArgumentParser
internal import RevloopCore
internal import RevloopStore

/// `revloop score activate VERSION`: chooses the model `predicted` goals use.
struct ScoreActivateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activate",
        abstract: "Make a trained model the active one of its purpose (deal: `predicted` goals; lead: lead scores).",
        discussion: """
            The previous active model of the same purpose is deactivated (activating a lead model leaves the deal \
            model as it is); a stopped model activated again feeds values again. Operations already in the \
            ledger keep the version that valued them.

            Examples:
              revloop score activate deal-win-20261129-1
              revloop score activate lead-win-20261129-1
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The model version (`revloop score list` shows them).")
    var version: String

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let now = try project.clock().now()
        guard try await store.activateModel(version: version, at: now) else {
            let known = try await store.models(purpose: nil).prefix(5).map(\.version)
            throw ValidationError(
                "no model has version '\(version)'"
                    + (known.isEmpty
                        ? "; `revloop score train` trains one" : " (newest: \(known.joined(separator: ", ")))"))
        }
        let purpose = try await store.model(version: version).flatMap { ScoringPurpose(registryName: $0.purpose) }
        output.result("\(version) is active: \(Self.effect(of: purpose ?? .deal)).")
    }

    /// What an active model of `purpose` feeds, for the messages that activate one.
    static func effect(of purpose: ScoringPurpose) -> String {
        switch purpose {
        case .deal: "`predicted` goals take their win probability from it from the next plan"
        case .lead:
            "known people with no open deal get their lead score from it (personalization, from its next start)"
        }
    }
}
