/// How the engine decides and learns. The defaults are the benchmark's (learning.md 4.4 simulator,
/// tuned on a seed kept apart from the three measured ones).
public struct PersonalizationSettings: Hashable, Sendable {
    public var holdout = HoldoutAssignment()
    /// λ: A starts at λI.
    public var priorPrecision = 1.0
    /// v: the posterior's scale when sampling; the holdout's uniform traffic explores too, so v is small.
    public var explorationScale = 0.1
    /// Reward weights by outcome kind: a deal stage reached can count for more than a click.
    public var engagementWeight = 1.0
    public var downstreamWeight = 1.0
    /// A model snapshot every this many log entries (restart replays at most this many).
    public var snapshotEvery = 1000
    /// Names the policy in `Decision.policyVersion` (with a hash of the context vocabulary).
    public var policyName = "lints-1"

    public init() {}

    func weight(of kind: DecisionOutcome.Kind) -> Double {
        switch kind {
        case .engagement: engagementWeight
        case .downstream: downstreamWeight
        }
    }
}
