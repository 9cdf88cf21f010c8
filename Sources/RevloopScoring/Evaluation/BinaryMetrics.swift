#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Quality of probabilities against binary outcomes, computed as scikit-learn does so figures compare.
public struct BinaryMetrics: Codable, Hashable, Sendable {
    /// Area under the ROC curve; tied scores count one half (the Mann–Whitney statistic).
    public var auc: Double
    /// Average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds (scikit-learn's PR-AUC).
    public var prAUC: Double
    /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15].
    public var logLoss: Double
    /// Mean squared error of the probability.
    public var brier: Double
    /// Expected calibration error over 10 equal-width bins: Σ (n_b/N)·|ȳ_b − p̄_b|.
    public var ece: Double
    /// Positive rate among the top 10 % by probability over the overall positive rate.
    public var liftAtTopDecile: Double
    public var rowCount: Int
    public var positives: Int

    public init(probabilities: [Double], labels: [Bool]) {
        precondition(probabilities.count == labels.count, "one probability per label")
        rowCount = labels.count
        positives = labels.filter { $0 }.count
        auc = Self.auc(probabilities, labels)
        prAUC = Self.averagePrecision(probabilities, labels)
        var loss = 0.0
        var squares = 0.0
        for (p, label) in zip(probabilities, labels) {
            let clipped = min(max(p, 1e-15), 1 - 1e-15)
            loss -= label ? log(clipped) : log(1 - clipped)
            let y = label ? 1.0 : 0.0
            squares += (p - y) * (p - y)
        }
        let n = Double(max(labels.count, 1))
        logLoss = loss / n
        brier = squares / n
        ece = Self.expectedCalibrationError(probabilities, labels, bins: 10)
        liftAtTopDecile = Self.lift(probabilities, labels, fraction: 0.1)
    }

    static func auc(_ scores: [Double], _ labels: [Bool]) -> Double {
        let positives = labels.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end where labels[order[position]] { rankSum += averageRank }
            start = end + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    static func averagePrecision(_ scores: [Double], _ labels: [Bool]) -> Double {
        let positives = Double(labels.filter { $0 }.count)
        guard positives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var truePositives = 0.0
        var seen = 0.0
        var previousRecall = 0.0
        var total = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            for position in start...end {
                seen += 1
                if labels[order[position]] { truePositives += 1 }
            }
            let recall = truePositives / positives
            total += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
            start = end + 1
        }
        return total
    }

    /// ECE with `bins` equal-width bins on [0, 1]; p = 1 falls in the last bin.
    public static func expectedCalibrationError(_ probabilities: [Double], _ labels: [Bool], bins: Int) -> Double {
        var count = [Double](repeating: 0, count: bins)
        var sumP = [Double](repeating: 0, count: bins)
        var sumY = [Double](repeating: 0, count: bins)
        for (p, label) in zip(probabilities, labels) {
            let bin = min(max(Int(p * Double(bins)), 0), bins - 1)
            count[bin] += 1
            sumP[bin] += p
            sumY[bin] += label ? 1 : 0
        }
        let n = Double(max(probabilities.count, 1))
        var total = 0.0
        for bin in 0..<bins where count[bin] > 0 { total += abs(sumY[bin] - sumP[bin]) / n }
        return total
    }

    static func lift(_ scores: [Double], _ labels: [Bool], fraction: Double) -> Double {
        let positives = Double(labels.filter { $0 }.count)
        guard positives > 0, !labels.isEmpty else { return .nan }
        let top = max(1, Int((Double(labels.count) * fraction).rounded(.up)))
        // Highest first; ties by row order, so the figure is deterministic.
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let hits = Double(order.prefix(top).filter { labels[$0] }.count)
        return (hits / Double(top)) / (positives / Double(labels.count))
    }
}
