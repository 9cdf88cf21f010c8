import RevloopCore
import Testing

@testable import RevloopPersonalization

@Suite("Linear Thompson sampling")
struct PolicyTests {
    /// Sherman–Morrison's A⁻¹ and mean match a direct solve of (λI + Σxxᵀ)θ = Σrx.
    @Test func shermanMorrisonMatchesTheDirectSolve() {
        var generator = SeededRandomNumberGenerator(seed: 11)
        let dimension = 6
        var model = LinearThompsonModel(blocks: 1, dimension: dimension, priorPrecision: 2)
        var a = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
        for i in 0..<dimension { a[i][i] = 2 }
        var b = [Double](repeating: 0, count: dimension)
        for _ in 0..<300 {
            var active: [Int32] = [0]
            for column in 1..<dimension where Bool.random(using: &generator) { active.append(Int32(column)) }
            let reward = Double(Int.random(in: 0...1, using: &generator))
            model.recordExposure(block: 0, active: active)
            model.recordReward(block: 0, active: active, reward: reward)
            for i in active {
                b[Int(i)] += reward
                for j in active { a[Int(i)][Int(j)] += 1 }
            }
        }
        let theta = Self.solve(a, b)
        for column in 0..<dimension {
            let active: [Int32] = [Int32(column)]
            let mean = active.withUnsafeBufferPointer { model.mean(block: 0, active: $0) }
            #expect(abs(mean - theta[column]) < 1e-9)
        }
    }

    /// A reward that arrives after other decisions changes nothing: exposure now and reward later give
    /// the same posterior as both at once, with the context logged at decision time.
    @Test func delayedRewardsGiveTheSamePosteriorAsImmediateOnes() {
        var immediate = LinearThompsonModel(blocks: 2, dimension: 5)
        var delayed = LinearThompsonModel(blocks: 2, dimension: 5)
        let contexts: [[Int32]] = [[0, 1], [0, 2, 4], [0, 3], [0, 1, 4]]
        var pending: [(Int, [Int32], Double)] = []
        for (index, context) in contexts.enumerated() {
            let block = index % 2
            let reward = index == 1 ? 0 : 1.0
            immediate.recordExposure(block: block, active: context)
            immediate.recordReward(block: block, active: context, reward: reward)
            delayed.recordExposure(block: block, active: context)
            pending.append((block, context, reward))
        }
        for (block, context, reward) in pending.reversed() {
            delayed.recordReward(block: block, active: context, reward: reward)
        }
        for block in 0..<2 {
            for context in contexts {
                let expected = context.withUnsafeBufferPointer { immediate.mean(block: block, active: $0) }
                let actual = context.withUnsafeBufferPointer { delayed.mean(block: block, active: $0) }
                #expect(abs(expected - actual) < 1e-12)
            }
        }
    }

    /// The computed propensity agrees with the frequency of the sampled argmax over 200,000 draws.
    @Test func argmaxPropensityMatchesMonteCarlo() {
        let means = [0.10, 0.12, 0.05, 0.11, -0.2]
        let deviations = [0.03, 0.01, 0.08, 0.002, 0.3]
        var generator = SeededRandomNumberGenerator(seed: 5)
        var normals = NormalSampler()
        var wins = [Int](repeating: 0, count: means.count)
        let draws = 200_000
        for _ in 0..<draws {
            var best = 0
            var bestScore = -Double.infinity
            for index in means.indices {
                let score = means[index] + deviations[index] * normals.next(using: &generator)
                if score > bestScore {
                    bestScore = score
                    best = index
                }
            }
            wins[best] += 1
        }
        var total = 0.0
        for chosen in means.indices {
            let computed = means.withUnsafeBufferPointer { m in
                deviations.withUnsafeBufferPointer { d in
                    ArgmaxPropensity.probability(chosen: chosen, means: m, deviations: d)
                }
            }
            total += computed
            // Monte Carlo's standard error is at most 0.0012 here.
            #expect(abs(computed - Double(wins[chosen]) / Double(draws)) < 0.005)
        }
        #expect(abs(total - 1) < 0.002)
    }

    @Test func rankerReturnsDistinctBlocksBestFirstAndAReplayableDraw() {
        var model = LinearThompsonModel(blocks: 4, dimension: 3, explorationScale: 0.01)
        for _ in 0..<50 {
            model.recordExposure(block: 2, active: [0, 1])
            model.recordReward(block: 2, active: [0, 1], reward: 1)
            model.recordExposure(block: 0, active: [0, 1])
        }
        var first = ThompsonRanker()
        var second = ThompsonRanker()
        var generatorA = SeededRandomNumberGenerator(seed: 3)
        var generatorB = SeededRandomNumberGenerator(seed: 3)
        let a = first.rank(model: model, eligible: [0, 1, 2, 3], active: [0, 1], limit: 3, using: &generatorA)
        let b = second.rank(model: model, eligible: [0, 1, 2, 3], active: [0, 1], limit: 3, using: &generatorB)
        #expect(a == b)
        #expect(a.blocks.count == 3)
        #expect(Set(a.blocks).count == 3)
        #expect(a.blocks[0] == 2)
        #expect(a.propensity > 0.99)
    }

    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) } ?? column
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
