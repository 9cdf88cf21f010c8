internal import Foundation

/// A saturating response curve's posterior: revenue = V s^h / (s^h + K^h) with log-normal noise.
///
/// For fixed (K, h) the log curve is linear in log V, so log V and the noise have a conjugate
/// Normal-Gamma posterior; (K, h) get a grid posterior from each cell's marginal likelihood (learning.md
/// 6.1: "a grid ... posterior over (K, h) with V linear"). K spans 1/8 to 16 times the median spend seen,
/// h from 0.5 to 2; old periods are down-weighted by `discount` per period.
public struct HillPosterior: ResponsePosterior, Sendable {
    struct Cell: Sendable {
        var halfSaturation: Double
        var shape: Double
        var logWeight: Double
        var mean: Double
        var kappa: Double
        var alpha: Double
        var beta: Double
    }

    private var cells: [Cell]
    private var cumulative: [Double]

    public init(outcomes: [PeriodOutcome], discount: Double, prior: CurvePrior = CurvePrior()) {
        let used = outcomes.enumerated().filter { $0.element.spend > 0 && $0.element.revenue > 0 }
        let spends = used.map(\.element.spend).sorted()
        let median = spends.isEmpty ? 1 : spends[spends.count / 2]
        let weights = used.map { pow(discount, Double(outcomes.count - 1 - $0.offset)) }
        let logSpend = used.map { log($0.element.spend) }
        let logRevenue = used.map { log($0.element.revenue) }
        // Normal-Gamma prior on log V: centred on the data's level, weak.
        let mean0 = logRevenue.isEmpty ? 0 : logRevenue.reduce(0, +) / Double(logRevenue.count)
        let kappa0 = 0.01
        let alpha0 = prior.noiseShape
        let beta0 = prior.noiseScale
        var cells: [Cell] = []
        for kStep in 0...14 {
            let halfSaturation = median * pow(2, -3 + Double(kStep) * 0.5)
            let logK = log(halfSaturation)
            for shape in [0.5, 0.75, 1.0, 1.25, 1.5, 2.0] {
                var weightSum = 0.0
                var sum = 0.0
                var sumSquares = 0.0
                for index in weights.indices {
                    // log(s^h / (s^h + K^h)) = -log(1 + (K/s)^h)
                    let offset = -log1p(exp(shape * (logK - logSpend[index])))
                    let residual = logRevenue[index] - offset
                    weightSum += weights[index]
                    sum += weights[index] * residual
                    sumSquares += weights[index] * residual * residual
                }
                let kappa = kappa0 + weightSum
                let mean = (kappa0 * mean0 + sum) / kappa
                let alpha = alpha0 + weightSum / 2
                let centred = weightSum > 0 ? sumSquares - sum * sum / weightSum : 0
                let sampleMean = weightSum > 0 ? sum / weightSum : mean0
                let beta =
                    beta0 + 0.5 * centred + kappa0 * weightSum * (sampleMean - mean0) * (sampleMean - mean0)
                    / (2 * kappa)
                let logMarginal =
                    lgamma(alpha) - lgamma(alpha0) + alpha0 * log(beta0) - alpha * log(beta) + 0.5 * log(kappa0 / kappa)
                cells.append(
                    Cell(
                        halfSaturation: halfSaturation, shape: shape, logWeight: logMarginal, mean: mean, kappa: kappa,
                        alpha: alpha, beta: beta))
            }
        }
        let top = cells.map(\.logWeight).max() ?? 0
        var running = 0.0
        cumulative = cells.map { cell in
            running += exp(cell.logWeight - top)
            return running
        }
        self.cells = cells
    }

    public func drawCurve(_ random: inout some RandomNumberGenerator) -> any ResponseCurve {
        let target = Sampling.uniform(&random) * (cumulative.last ?? 1)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        let cell = cells[low]
        let precision = Sampling.gamma(shape: cell.alpha, &random) / cell.beta
        let logMaximum = cell.mean + Sampling.normal(&random) / (cell.kappa * precision).squareRoot()
        return HillResponse(
            maximum: exp(logMaximum + 0.5 / precision), halfSaturation: cell.halfSaturation, shape: cell.shape)
    }
}
