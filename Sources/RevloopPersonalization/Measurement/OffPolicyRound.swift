/// One logged decision as off-policy evaluation sees it: what was shown with which probability, the
/// reward, and for every action the candidate policy's probability and the reward model's estimate.
public struct OffPolicyRound: Hashable, Sendable {
    /// Index of the logged action in `targetProbabilities` / `estimatedRewards`.
    public var action: Int
    public var reward: Double
    /// μ(a_i | x_i): the logging policy's probability of the logged action.
    public var propensity: Double
    /// π(a | x_i) for every action.
    public var targetProbabilities: [Double]
    /// q̂(x_i, a) for every action.
    public var estimatedRewards: [Double]

    public init(
        action: Int, reward: Double, propensity: Double, targetProbabilities: [Double], estimatedRewards: [Double]
    ) {
        self.action = action
        self.reward = reward
        self.propensity = propensity
        self.targetProbabilities = targetProbabilities
        self.estimatedRewards = estimatedRewards
    }

    /// w_i = π(a_i | x_i) / μ(a_i | x_i).
    public var importanceWeight: Double { targetProbabilities[action] / propensity }

    /// The direct-method term Σ_a π(a|x) q̂(x, a) / Σ_a π(a|x) (normalised as obp's `np.average` is).
    public var directEstimate: Double {
        var weighted = 0.0
        var total = 0.0
        for index in targetProbabilities.indices {
            weighted += targetProbabilities[index] * estimatedRewards[index]
            total += targetProbabilities[index]
        }
        return total > 0 ? weighted / total : 0
    }
}
