/// One Thompson-sampling decision over the eligible blocks: draw each block's score from its posterior,
/// order by the draws, and give the probability that the first one would have been drawn first.
///
/// Holds its scratch buffers so that a decision on the hot path allocates only its result.
public struct ThompsonRanker: Sendable {
    /// The ranking: model block indices, best first, with each block's posterior mean score.
    public struct Ranking: Hashable, Sendable {
        public var blocks: [Int]
        public var meanScores: [Double]
        /// P(the policy shows `blocks[0]`) in this context.
        public var propensity: Double
    }

    private var normals = NormalSampler()
    private var means: [Double] = []
    private var deviations: [Double] = []
    private var draws: [Double] = []
    private var order: [Int] = []

    public init() {}

    /// Ranks `eligible` (model block indices) for the context `active`; at most `limit` returned.
    public mutating func rank(
        model: LinearThompsonModel, eligible: [Int], active: [Int32], limit: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Ranking {
        let count = eligible.count
        guard count > 0 else { return Ranking(blocks: [], meanScores: [], propensity: 1) }
        means.removeAll(keepingCapacity: true)
        deviations.removeAll(keepingCapacity: true)
        draws.removeAll(keepingCapacity: true)
        let scale = model.explorationScale
        active.withUnsafeBufferPointer { active in
            for block in eligible {
                let mean = model.mean(block: block, active: active)
                let deviation = scale * model.variance(block: block, active: active).squareRoot()
                means.append(mean)
                deviations.append(deviation)
                draws.append(mean + deviation * normals.next(using: &generator))
            }
        }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<count)
        let limit = Swift.min(limit, count)
        // Partial selection sort: `limit` is small (≤ 20) and so is the inventory per surface.
        for slot in 0..<limit {
            var best = slot
            for candidate in (slot + 1)..<count where draws[order[candidate]] > draws[order[best]] {
                best = candidate
            }
            order.swapAt(slot, best)
        }
        let first = order[0]
        let propensity = means.withUnsafeBufferPointer { means in
            deviations.withUnsafeBufferPointer { deviations in
                ArgmaxPropensity.probability(chosen: first, means: means, deviations: deviations)
            }
        }
        var blocks = [Int]()
        var scores = [Double]()
        blocks.reserveCapacity(limit)
        scores.reserveCapacity(limit)
        for slot in 0..<limit {
            blocks.append(eligible[order[slot]])
            scores.append(means[order[slot]])
        }
        return Ranking(blocks: blocks, meanScores: scores, propensity: propensity)
    }
}
