internal import Foundation
internal import RevloopPersonalization
internal import RevloopServe

/// The one place `revloop serve` gets its engine. The in-memory twin is used only when asked for by name
/// (`--engine memory`), never as a fallback.
enum ServeEngineFactory {
    /// The engine for `choice`. `configPath` is the project file the project engine reads its inventory,
    /// identity graph and decision log from.
    static func makeEngine(_ choice: ServeEngineChoice, configPath: String, output: Output) throws -> any DecisionEngine
    {
        switch choice {
        case .memory:
            output.error(
                "warning: --engine memory is the in-memory TEST engine: three sample surfaces, no guardrails, "
                    + "and every decision and outcome is lost on exit")
            return InMemoryDecisionEngine()
        case .project:
            // The project's engine (RevloopPersonalization: inventory, guardrails, Thompson sampling,
            // holdout, decision log) is built here once it is merged; until then serving refuses to start
            // rather than serve a test engine under the project's name.
            output.error(
                "\(configPath): error: this build has no project decision engine yet; "
                    + "run with --engine memory for the in-memory test engine")
            throw ExitStatus.configInvalid
        }
    }
}
