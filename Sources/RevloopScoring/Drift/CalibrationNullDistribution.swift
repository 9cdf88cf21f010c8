internal import Foundation
internal import RevloopCore

/// What ECE looks like on this very batch when the model is calibrated: outcomes drawn as
/// y ~ Bernoulli(p) from the batch's own probabilities, many times over. A batch of 80 leads with three
/// wins has a large ECE by chance alone; this is what keeps it from raising a false alarm.
///
/// A model fitted on n rows is never exactly calibrated: its base rate carries an error of about
/// 1 / sqrt(n p (1 - p)) on the logit scale. With `logitOffsetStandardDeviation` set to that, each
/// simulation first shifts every logit by one draw of N(0, sd^2), so the null is "as calibrated as a
/// model fitted on n rows can be", and an in-distribution batch does not alarm over the model's own
/// estimation error.
public struct CalibrationNullDistribution: Sendable, Hashable {
    /// The simulated ECEs, ascending.
    public let sortedErrors: [Double]

    /// Simulates `simulations` outcome vectors with `random` (seed it for a reproducible report).
    public init(
        probabilities: [Double], binning: CalibrationBinning, binCount: Int, simulations: Int,
        logitOffsetStandardDeviation: Double = 0, random: inout some RandomNumberGenerator
    ) {
        precondition(simulations > 0 && !probabilities.isEmpty)
        let assignments = binning.assignments(probabilities: probabilities, binCount: binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        for row in probabilities.indices {
            counts[assignments[row]] += 1
            sums[assignments[row]] += probabilities[row]
        }
        let total = Double(probabilities.count)
        var errors: [Double] = []
        errors.reserveCapacity(simulations)
        var positives = [Int](repeating: 0, count: binCount)
        // A win when the top 53 bits of a draw, read as a fraction of 2^53, fall below p: the same as
        // Double.random(in: 0..<1) < p, without a generic call per row. The caller's generator seeds a
        // concrete one, so `random` still fixes every draw.
        func cutoff(_ p: Double) -> UInt64 { UInt64((min(max(p, 0), 1) * 0x1p53).rounded(.up)) }
        var cutoffs = probabilities.map(cutoff)
        let logits = probabilities.map { log($0) - log1p(-$0) }
        var draws = SeededRandomNumberGenerator(seed: random.next())
        for _ in 0..<simulations {
            for bin in 0..<binCount { positives[bin] = 0 }
            if logitOffsetStandardDeviation > 0 {
                // Box-Muller: one standard normal from two uniforms.
                let u = (Double(draws.next() >> 11) + 1) * 0x1p-53
                let v = Double(draws.next() >> 11) * 0x1p-53
                let offset = logitOffsetStandardDeviation * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
                for row in logits.indices { cutoffs[row] = cutoff(1 / (1 + exp(-(logits[row] + offset)))) }
            }
            for row in cutoffs.indices where draws.next() >> 11 < cutoffs[row] {
                positives[assignments[row]] += 1
            }
            var error = 0.0
            for bin in 0..<binCount where counts[bin] > 0 {
                let count = Double(counts[bin])
                error += count / total * abs(Double(positives[bin]) / count - sums[bin] / count)
            }
            errors.append(error)
        }
        sortedErrors = errors.sorted()
    }

    /// The (1 - level) quantile of ECE under calibration: the alarm threshold at `level`.
    public func threshold(level: Double) -> Double {
        ReferenceQuantiles.quantile(sorted: sortedErrors, 1 - level)
    }

    /// (1 + simulations at or above `error`) / (1 + simulations): never zero, as a Monte Carlo p-value must be.
    public func pValue(of error: Double) -> Double {
        var low = 0
        var high = sortedErrors.count
        while low < high {
            let middle = (low + high) / 2
            if sortedErrors[middle] < error - 1e-15 { low = middle + 1 } else { high = middle }
        }
        return Double(1 + sortedErrors.count - low) / Double(1 + sortedErrors.count)
    }
}
