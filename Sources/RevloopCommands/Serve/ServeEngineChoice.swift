internal import ArgumentParser

/// Which engine `revloop serve` decides with.
enum ServeEngineChoice: String, ExpressibleByArgument, CaseIterable {
    /// The project's engine: its inventory, guardrails, holdout, policy and decision log.
    case project
    /// The in-memory TEST engine: no inventory, no guardrails, nothing persisted. For tests and benchmarks.
    case memory
}
