/// What `revloop personalize report` shows: the holdout's lift and an off-policy evaluation, from logs.
///
/// A decision's reward is the weighted sum of the outcomes for the block shown first (a decision with no
/// outcome scored 0). The candidate policy evaluated is the current model's greedy choice among each
/// logged decision's eligible blocks; the reward model q̂ is the same model's posterior mean, clamped to
/// [0, 1]. That model was fitted on these logs, so DR's q̂ is not cross-fitted: read DR as optimistic.
public struct PersonalizationReport: Sendable, Codable {
    public var decisions: Int
    public var outcomes: Int
    public var policyDecisions: Int
    public var holdoutDecisions: Int
    public var defaultRankingDecisions: Int
    public var lift: HoldoutLift
    /// The candidate over every learnable logged decision (policy and holdout rounds).
    public var candidate: OffPolicyEstimate
    /// The candidate over the holdout's rounds only: uniform logging, w = K·1{π picks a}, the cleanest estimate.
    public var candidateOnHoldout: OffPolicyEstimate

    public static func make(
        decisions: [LoggedDecision], outcomes: [LoggedOutcome], blockIDs: [String], model: LinearThompsonModel,
        policyVersion: String, settings: PersonalizationSettings, resamples: Int = 200,
        using generator: inout some RandomNumberGenerator
    ) -> PersonalizationReport {
        var rewards: [String: Double] = [:]
        var shown: [String: String] = [:]
        for decision in decisions { shown[decision.decisionID] = decision.shownBlock }
        for outcome in outcomes where shown[outcome.decisionID] == outcome.blockID {
            rewards[outcome.decisionID, default: 0] += settings.weight(of: outcome.kind) * outcome.reward
        }
        let index = Dictionary(blockIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var treated: [Double] = []
        var holdout: [Double] = []
        var rounds: [OffPolicyRound] = []
        var holdoutRounds: [OffPolicyRound] = []
        var defaults = 0
        for decision in decisions {
            let reward = rewards[decision.decisionID] ?? 0
            switch decision.mode {
            case .defaultRanking:
                defaults += 1
                continue
            case .policy: treated.append(reward)
            case .holdout: holdout.append(reward)
            }
            guard decision.policyVersion == policyVersion, let shownBlock = decision.shownBlock,
                let action = decision.eligibleBlocks.firstIndex(of: shownBlock), decision.propensity > 0
            else { continue }
            let scores = decision.features.withUnsafeBufferPointer { active in
                decision.eligibleBlocks.map { id in
                    index[id].map { model.mean(block: $0, active: active) } ?? 0
                }
            }
            let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
            var target = [Double](repeating: 0, count: scores.count)
            target[best] = 1
            let round = OffPolicyRound(
                action: action, reward: reward, propensity: decision.propensity, targetProbabilities: target,
                estimatedRewards: scores.map { Swift.min(1, Swift.max(0, $0)) })
            rounds.append(round)
            if decision.mode == .holdout { holdoutRounds.append(round) }
        }
        return PersonalizationReport(
            decisions: decisions.count, outcomes: outcomes.count, policyDecisions: treated.count,
            holdoutDecisions: holdout.count, defaultRankingDecisions: defaults,
            lift: HoldoutLift(treated: treated, holdout: holdout),
            candidate: OffPolicyEvaluator.estimate(rounds, resamples: resamples, using: &generator),
            candidateOnHoldout: OffPolicyEvaluator.estimate(holdoutRounds, resamples: resamples, using: &generator))
    }
}
