import Foundation
import RevloopCore
import Testing

@testable import RevloopScoring

@Suite struct MetricsCalibrationTests {
    @Test func metricsMatchHandComputedValuesWithTies() {
        let p = [0.1, 0.4, 0.35, 0.8, 0.4]
        let y = [false, false, true, true, true]
        let metrics = BinaryMetrics(probabilities: p, labels: y)
        // Pairs (pos, neg): (0.35,0.1)=1 (0.35,0.4)=0 (0.8,0.1)=1 (0.8,0.4)=1 (0.4,0.1)=1 (0.4,0.4)=0.5 → 4.5/6.
        #expect(abs(metrics.auc - 0.75) < 1e-15)
        // Thresholds 0.8: P=1 R=1/3; 0.4 (two rows): P=2/3 R=2/3; 0.35: P=3/4 R=1; 0.1: R unchanged.
        #expect(abs(metrics.prAUC - (1.0 / 3 + (1.0 / 3) * (2.0 / 3) + (1.0 / 3) * 0.75)) < 1e-12)
        #expect(abs(metrics.brier - (0.01 + 0.16 + 0.4225 + 0.04 + 0.36) / 5) < 1e-12)
        // Bins: [0.1]→1 (y 0), [0.35]→3 (y 1), [0.4,0.4]→4 (y 0,1), [0.8]→8 (y 1).
        #expect(abs(metrics.ece - (0.1 + 0.65 + abs(1 - 0.8) + abs(0.8 - 1)) / 5) < 1e-12)
        #expect(abs(metrics.liftAtTopDecile - 1 / 0.6) < 1e-12)
    }

    @Test func isotonicPoolsAdjacentViolators() {
        let margins: [Double] = [1, 2, 3, 4, 5, 6]
        let labels = [false, true, false, false, true, true]
        let calibrator = ProbabilityCalibrator.fit(method: .isotonic, margins: margins, labels: labels)
        // Blocks: {1}=0, {2,3,4}=1/3, {5,6}=1.
        #expect(calibrator.probability(margin: 1) == 0)
        #expect(abs(calibrator.probability(margin: 3) - 1.0 / 3) < 1e-15)
        #expect(calibrator.probability(margin: 5.5) == 1)
        #expect(abs(calibrator.probability(margin: 1.5) - 1.0 / 6) < 1e-15)
        #expect(calibrator.probability(margin: -10) == 0 && calibrator.probability(margin: 10) == 1)
    }

    @Test func plattRecoversAKnownDistortion() {
        var random = SeededRandomNumberGenerator(seed: 8)
        var margins: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<20000 {
            let margin = Double(Int(random.next() % 8000) - 4000) / 1000
            margins.append(margin)
            let u = Double(random.next() % 1_000_000) / 1_000_000
            labels.append(u < 1 / (1 + exp(-(0.5 * margin - 1))))
        }
        let calibrator = ProbabilityCalibrator.fit(method: .platt, margins: margins, labels: labels)
        #expect(abs(calibrator.plattSlope - 0.5) < 0.05)
        #expect(abs(calibrator.plattIntercept + 1) < 0.07)
    }

    @Test func logisticRegressionReachesTheRegularizedOptimum() {
        var random = SeededRandomNumberGenerator(seed: 2)
        let n = 500
        let p = 4
        var values: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<n {
            let x = (0..<p).map { _ in Double(Int(random.next() % 2000) - 1000) / 500 }
            values.append(contentsOf: x)
            let u = Double(random.next() % 1_000_000) / 1_000_000
            let logit: Double = x[0] - 0.5 * x[2] + 0.3
            labels.append(u < 1 / (1 + exp(-logit)))
        }
        let matrix = DesignMatrix(rowCount: n, columnCount: p, values: values)
        let model = LogisticRegression.fit(matrix, labels: labels, l2: 5)
        // Gradient of Σ loss + 2.5‖w‖² is zero at the optimum.
        var gradient = [Double](repeating: 0, count: p + 1)
        for row in 0..<n {
            let x = Array(values[(row * p)..<(row * p + p)])
            let residual = 1 / (1 + exp(-model.margin(x))) - (labels[row] ? 1 : 0)
            gradient[0] += residual
            for j in 0..<p { gradient[j + 1] += residual * x[j] }
        }
        for j in 0..<p { gradient[j + 1] += 5 * model.coefficients[j] }
        #expect(gradient.allSatisfy { abs($0) < 1e-8 })
        #expect(model.coefficients[0] > 0.7 && model.coefficients[2] < -0.3)
    }

    @Test func treesRouteMissingValuesTheLearnedWay() {
        // Missing x wins 90 %, x < 5 wins 10 %, x ≥ 5 wins 50 %: missing must go with neither by chance.
        var values: [Double] = []
        var labels: [Bool] = []
        for i in 0..<3000 {
            switch i % 3 {
            case 0:
                values.append(.nan)
                labels.append(i % 10 != 0)
            case 1:
                values.append(Double(i % 5))
                labels.append(i % 10 == 1)
            default:
                values.append(5 + Double(i % 5))
                labels.append(i % 2 == 0)
            }
        }
        let matrix = DesignMatrix(rowCount: 3000, columnCount: 1, values: values)
        let ensemble = HistogramBooster.fit(
            matrix, labels: labels, parameters: BoostingParameters(trees: 100, learningRate: 0.2, maximumLeaves: 3))
        let missing = ensemble.margin([.nan])
        let low = ensemble.margin([2])
        let high = ensemble.margin([7])
        #expect(missing > high && high > low)
        #expect(abs(1 / (1 + exp(-missing)) - 0.9) < 0.03)
    }
}
