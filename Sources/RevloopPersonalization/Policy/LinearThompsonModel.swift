/// Linear Thompson sampling with one model per block (disjoint LinTS, learning.md 6.4): for block a,
/// A_a = λI + Σ x xᵀ over the decisions that showed it and b_a = Σ r x over their rewards; the posterior
/// of θ_a is N(A_a⁻¹ b_a, v² A_a⁻¹).
///
/// The model keeps A⁻¹ itself, updated by Sherman–Morrison (O(d²) per exposure), and the mean A⁻¹b.
/// Features are 0/1 indicators, so xᵀμ and xᵀA⁻¹x are sums over the few active columns: scoring a
/// block costs O(k²) for k active features, not O(d²), which keeps a decision in microseconds.
///
/// Exposure and reward are separate updates so a reward can arrive long after its decision: the
/// exposure adds x xᵀ when the block is shown (reward 0 until told otherwise), and each reward later adds
/// r x with the x logged at decision time. The sums are the same as if the reward had been known at once.
public struct LinearThompsonModel: Hashable, Sendable {
    /// Feature dimension (bias included).
    public let dimension: Int
    /// Prior precision λ: A starts at λI.
    public let priorPrecision: Double
    /// Posterior scale v: larger explores more.
    public let explorationScale: Double
    /// Per block, row-major d×d A⁻¹, then the d entries of b, then the d entries of the mean A⁻¹b.
    private(set) var inverses: [Double]
    private(set) var targets: [Double]
    private(set) var means: [Double]
    /// Exposures and summed reward per block, for reports.
    public private(set) var exposures: [Int]
    public private(set) var rewardSums: [Double]
    /// Scratch for A⁻¹x (one d-vector), kept to avoid allocating per update.
    private var scratch: [Double]

    public init(blocks: Int, dimension: Int, priorPrecision: Double = 1, explorationScale: Double = 0.25) {
        self.dimension = dimension
        self.priorPrecision = priorPrecision
        self.explorationScale = explorationScale
        var identity = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { identity[i * dimension + i] = 1 / priorPrecision }
        inverses = Array([[Double]](repeating: identity, count: blocks).joined())
        targets = [Double](repeating: 0, count: blocks * dimension)
        means = [Double](repeating: 0, count: blocks * dimension)
        exposures = [Int](repeating: 0, count: blocks)
        rewardSums = [Double](repeating: 0, count: blocks)
        scratch = [Double](repeating: 0, count: dimension)
    }

    /// A model from persisted state; `nil` when the arrays do not fit `blocks` × `dimension`.
    init?(
        dimension: Int, priorPrecision: Double, explorationScale: Double, inverses: [Double], targets: [Double],
        means: [Double], exposures: [Int], rewardSums: [Double]
    ) {
        let blocks = exposures.count
        guard inverses.count == blocks * dimension * dimension, targets.count == blocks * dimension,
            means.count == blocks * dimension, rewardSums.count == blocks
        else { return nil }
        self.dimension = dimension
        self.priorPrecision = priorPrecision
        self.explorationScale = explorationScale
        self.inverses = inverses
        self.targets = targets
        self.means = means
        self.exposures = exposures
        self.rewardSums = rewardSums
        self.scratch = [Double](repeating: 0, count: dimension)
    }

    /// How many blocks the model holds.
    public var blockCount: Int { exposures.count }

    /// The posterior mean of xᵀθ for `block`.
    @inline(__always)
    public func mean(block: Int, active: UnsafeBufferPointer<Int32>) -> Double {
        means.withUnsafeBufferPointer { means in
            let base = block * dimension
            var sum = 0.0
            for column in active { sum += means[base + Int(column)] }
            return sum
        }
    }

    /// The posterior variance of xᵀθ for `block`, before the v² scale: xᵀA⁻¹x.
    @inline(__always)
    public func variance(block: Int, active: UnsafeBufferPointer<Int32>) -> Double {
        inverses.withUnsafeBufferPointer { inverse in
            let base = block * dimension * dimension
            var sum = 0.0
            for row in active {
                let rowBase = base + Int(row) * dimension
                for column in active { sum += inverse[rowBase + Int(column)] }
            }
            return Swift.max(sum, 0)
        }
    }

    /// The block was shown in context `active`: A += x xᵀ (Sherman–Morrison on A⁻¹), mean refreshed.
    public mutating func recordExposure(block: Int, active: [Int32]) {
        let d = dimension
        let base = block * d * d
        exposures[block] += 1
        inverses.withUnsafeMutableBufferPointer { inverse in
            scratch.withUnsafeMutableBufferPointer { ax in
                // A⁻¹x: the sum of the active columns (A⁻¹ is symmetric, so rows serve).
                for i in 0..<d { ax[i] = 0 }
                for column in active {
                    let rowBase = base + Int(column) * d
                    for i in 0..<d { ax[i] += inverse[rowBase + i] }
                }
                var quadratic = 0.0
                for column in active { quadratic += ax[Int(column)] }
                let scale = 1 / (1 + quadratic)
                for i in 0..<d {
                    let left = ax[i] * scale
                    if left == 0 { continue }
                    let rowBase = base + i * d
                    for j in 0..<d { inverse[rowBase + j] -= left * ax[j] }
                }
            }
        }
        refreshMean(block: block)
    }

    /// A reward for a block shown in context `active`: b += r x, mean refreshed.
    public mutating func recordReward(block: Int, active: [Int32], reward: Double) {
        guard reward != 0 else { return }
        let base = block * dimension
        for column in active { targets[base + Int(column)] += reward }
        rewardSums[block] += reward
        refreshMean(block: block)
    }

    private mutating func refreshMean(block: Int) {
        let d = dimension
        let inverseBase = block * d * d
        let base = block * d
        inverses.withUnsafeBufferPointer { inverse in
            targets.withUnsafeBufferPointer { b in
                means.withUnsafeMutableBufferPointer { mean in
                    for i in 0..<d {
                        var sum = 0.0
                        let rowBase = inverseBase + i * d
                        for j in 0..<d where b[base + j] != 0 { sum += inverse[rowBase + j] * b[base + j] }
                        mean[base + i] = sum
                    }
                }
            }
        }
    }

    /// A copy holding only `blocks` (in that order): for an inventory that dropped or reordered blocks.
    /// A block not yet in the model (`nil`) starts from the prior.
    public func remapped(to blocks: [Int?]) -> LinearThompsonModel {
        var model = LinearThompsonModel(
            blocks: blocks.count, dimension: dimension, priorPrecision: priorPrecision,
            explorationScale: explorationScale)
        let d = dimension
        for (index, old) in blocks.enumerated() {
            guard let old else { continue }
            for i in 0..<(d * d) { model.inverses[index * d * d + i] = inverses[old * d * d + i] }
            for i in 0..<d {
                model.targets[index * d + i] = targets[old * d + i]
                model.means[index * d + i] = means[old * d + i]
            }
            model.exposures[index] = exposures[old]
            model.rewardSums[index] = rewardSums[old]
        }
        return model
    }
}
