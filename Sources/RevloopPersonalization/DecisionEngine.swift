/// The seam between the decision API (`revloop serve`, `revloop personalize rank`) and the ranking
/// policy: the server validates and authenticates, the engine decides, learns and persists.
///
/// Conformers: the real engine (inventory, guardrails, holdout, contextual Thompson sampling, decision
/// log) and an in-memory twin for the server's tests; both pass one conformance suite.
public protocol DecisionEngine: Sendable {
    /// Ranks the eligible blocks for the visitor now and logs the decision with its propensity.
    func decide(_ request: DecisionRequest) async throws(DecisionEngineError) -> Decision
    /// Records a reward for a logged decision and updates the model online.
    func record(_ outcome: DecisionOutcome) async throws(DecisionEngineError)
}
