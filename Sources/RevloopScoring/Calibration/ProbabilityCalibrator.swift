#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A monotone map from a model's raw log-odds to a probability, fitted on held-out predictions only (rows
/// the model being calibrated never trained on).
public struct ProbabilityCalibrator: Codable, Hashable, Sendable {
    public var method: CalibrationMethod
    public var plattSlope: Double
    public var plattIntercept: Double
    /// Isotonic knots: increasing margins and their non-decreasing probabilities; interpolated linearly
    /// between knots, constant beyond the ends (as scikit-learn's `IsotonicRegression`).
    public var isotonicMargins: [Double]
    public var isotonicProbabilities: [Double]

    /// The identity calibration: p = σ(margin).
    public static let identity = ProbabilityCalibrator(
        method: .none, plattSlope: 1, plattIntercept: 0, isotonicMargins: [], isotonicProbabilities: [])

    public init(
        method: CalibrationMethod, plattSlope: Double, plattIntercept: Double, isotonicMargins: [Double],
        isotonicProbabilities: [Double]
    ) {
        self.method = method
        self.plattSlope = plattSlope
        self.plattIntercept = plattIntercept
        self.isotonicMargins = isotonicMargins
        self.isotonicProbabilities = isotonicProbabilities
    }

    /// The calibrated probability of a raw margin.
    public func probability(margin: Double) -> Double {
        switch method {
        case .none: return Self.sigmoid(margin)
        case .platt: return Self.sigmoid(plattSlope * margin + plattIntercept)
        case .isotonic:
            let x = isotonicMargins
            let y = isotonicProbabilities
            guard let first = x.first, let last = x.last else { return Self.sigmoid(margin) }
            if margin <= first { return y[0] }
            if margin >= last { return y[y.count - 1] }
            var low = 0
            var high = x.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if x[middle] <= margin { low = middle } else { high = middle }
            }
            let span = x[high] - x[low]
            return span > 0 ? y[low] + (y[high] - y[low]) * (margin - x[low]) / span : y[high]
        }
    }

    static func sigmoid(_ margin: Double) -> Double {
        margin >= 0 ? 1 / (1 + exp(-margin)) : exp(margin) / (1 + exp(margin))
    }

    /// Fits `method` to held-out margins and their labels.
    public static func fit(method: CalibrationMethod, margins: [Double], labels: [Bool]) -> ProbabilityCalibrator {
        switch method {
        case .none: return .identity
        case .platt: return fitPlatt(margins: margins, labels: labels)
        case .isotonic: return fitIsotonic(margins: margins, labels: labels)
        }
    }

    /// Platt scaling by Newton's method on the log-loss, with Platt's smoothed targets
    /// (N₊+1)/(N₊+2) and 1/(N₋+2), which keep a perfectly separated fold from driving the slope to infinity.
    static func fitPlatt(margins: [Double], labels: [Bool]) -> ProbabilityCalibrator {
        let positives = Double(labels.filter { $0 }.count)
        let negatives = Double(labels.count) - positives
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        let targets = labels.map { $0 ? high : low }
        var slope = 1.0
        var intercept = 0.0
        for _ in 0..<100 {
            var gA = 0.0
            var gB = 0.0
            var hAA = 1e-12
            var hAB = 0.0
            var hBB = 1e-12
            for (margin, target) in zip(margins, targets) {
                let p = sigmoid(slope * margin + intercept)
                let residual = p - target
                let weight = max(p * (1 - p), 1e-12)
                gA += residual * margin
                gB += residual
                hAA += weight * margin * margin
                hAB += weight * margin
                hBB += weight
            }
            let determinant = hAA * hBB - hAB * hAB
            guard determinant > 0 else { break }
            let stepA = (hBB * gA - hAB * gB) / determinant
            let stepB = (hAA * gB - hAB * gA) / determinant
            slope -= stepA
            intercept -= stepB
            if abs(stepA) < 1e-10, abs(stepB) < 1e-10 { break }
        }
        return ProbabilityCalibrator(
            method: .platt, plattSlope: slope, plattIntercept: intercept, isotonicMargins: [],
            isotonicProbabilities: [])
    }

    /// Isotonic regression by pool-adjacent-violators over margins sorted ascending (tied margins pooled
    /// first, so equal inputs always get equal outputs).
    static func fitIsotonic(margins: [Double], labels: [Bool]) -> ProbabilityCalibrator {
        let order = margins.indices.sorted { margins[$0] < margins[$1] || (margins[$0] == margins[$1] && $0 < $1) }
        // Blocks: mean margin (knot position), mean label, weight.
        var blockMargin: [Double] = []
        var blockValue: [Double] = []
        var blockWeight: [Double] = []
        var blockLow: [Double] = []
        var blockHigh: [Double] = []
        var index = 0
        while index < order.count {
            let margin = margins[order[index]]
            var sum = 0.0
            var weight = 0.0
            while index < order.count, margins[order[index]] == margin {
                sum += labels[order[index]] ? 1 : 0
                weight += 1
                index += 1
            }
            var value = sum / weight
            var low = margin
            var high = margin
            var totalWeight = weight
            while let last = blockValue.last, last >= value {
                let lastWeight = blockWeight.removeLast()
                value = (last * lastWeight + value * totalWeight) / (lastWeight + totalWeight)
                totalWeight += lastWeight
                blockValue.removeLast()
                blockMargin.removeLast()
                high = max(high, blockHigh.removeLast())
                low = min(low, blockLow.removeLast())
            }
            blockValue.append(value)
            blockWeight.append(totalWeight)
            blockMargin.append((low + high) / 2)
            blockLow.append(low)
            blockHigh.append(high)
        }
        // Knots at both ends of each block, so a block is flat and only the gaps between blocks interpolate.
        var knotMargins: [Double] = []
        var knotValues: [Double] = []
        for block in 0..<blockValue.count {
            knotMargins.append(blockLow[block])
            knotValues.append(blockValue[block])
            if blockHigh[block] > blockLow[block] {
                knotMargins.append(blockHigh[block])
                knotValues.append(blockValue[block])
            }
        }
        return ProbabilityCalibrator(
            method: .isotonic, plattSlope: 1, plattIntercept: 0, isotonicMargins: knotMargins,
            isotonicProbabilities: knotValues)
    }
}
