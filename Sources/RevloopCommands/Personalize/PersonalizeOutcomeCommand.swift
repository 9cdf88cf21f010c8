internal import ArgumentParser
internal import RevloopPersonalization

/// `revloop personalize outcome`: a reward for a logged decision, as `POST /v1/outcomes` records it.
struct PersonalizeOutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Record a reward for a logged decision and update the model.",
        discussion: """
            Rewards may arrive long after their decision: the model learns from the context logged with the \
            decision. Each decision, block and kind counts once; a second one is refused.

            Examples:
              revloop personalize outcome --decision d1-8df510e6 --reward 1
              revloop personalize outcome --decision d1-8df510e6 --reward 1 --kind downstream
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The decision id `rank` or the decision API returned.")
    var decision: String

    @Option(help: "The block the reward is for (default: the decision's first block).")
    var block: String?

    @Option(help: "The reward, from 0 to 1.")
    var reward: Double

    @Option(help: "engagement (a click, a download) or downstream (a deal stage reached).")
    var kind: String = "engagement"

    func validate() throws {
        guard reward.isFinite, (0...1).contains(reward) else { throw ValidationError("--reward must be from 0 to 1") }
        guard DecisionOutcome.Kind(rawValue: kind) != nil else {
            throw ValidationError("--kind must be engagement or downstream")
        }
    }

    func run() async throws {
        let output = Output(progress: false)
        let setup = try await PersonalizationSetup.open(project: project, output: output, seed: 0)
        do {
            try await setup.engine.record(
                DecisionOutcome(
                    decisionID: decision, blockID: block, reward: reward,
                    kind: DecisionOutcome.Kind(rawValue: kind) ?? .engagement))
            try await setup.engine.checkpoint()
        } catch {
            switch error {
            case .unknownDecision(let id): output.error("error: no decision \(id) in the log")
            case .duplicateOutcome(let id): output.error("error: the \(kind) reward for \(id) is already recorded")
            case .invalidField(let name, let expected): output.error("error: \(name) must be \(expected)")
            case .unknownSurface, .storage: output.error("error: \(error)")
            }
            throw ExitStatus.runFailed
        }
        output.result("recorded \(kind) reward \(reward) for \(decision)")
    }
}
