internal import Foundation
internal import RevloopPersonalization
internal import RevloopServe

/// Builds the engine `revloop serve` answers with: the project's personalization engine (inventory,
/// guardrails, Thompson sampling, holdout, decision log in the store), or the in-memory test engine only
/// when asked for by name.
enum ServeEngineFactory {
    /// The engine for `choice`. `project` names the project file the project engine reads its inventory,
    /// identity graph and decision log from.
    static func makeEngine(_ choice: ServeEngineChoice, project: ProjectOptions, output: Output) async throws
        -> any DecisionEngine
    {
        switch choice {
        case .memory:
            output.error(
                "warning: --engine memory is the in-memory TEST engine: three sample surfaces, no guardrails, "
                    + "and every decision and outcome is lost on exit")
            return InMemoryDecisionEngine()
        case .project:
            // A seed from the system: decisions explore differently on each start, and every decision's
            // propensity is logged, so off-policy evaluation stays sound.
            return try await PersonalizationSetup.open(
                project: project, output: output, seed: UInt64.random(in: 1...UInt64.max)
            ).engine
        }
    }
}
