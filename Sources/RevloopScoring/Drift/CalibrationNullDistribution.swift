internal import RevloopCore

/// What ECE looks like on this very batch when the model is perfectly calibrated: outcomes drawn as
/// y ~ Bernoulli(p) from the batch's own probabilities, many times over. A batch of 80 leads with three
/// wins has a large ECE by chance alone; this is what keeps it from raising a false alarm.
public struct CalibrationNullDistribution: Sendable, Hashable {
    /// The simulated ECEs, ascending.
    public let sortedErrors: [Double]

    /// Simulates `simulations` outcome vectors with `random` (seed it for a reproducible report).
    public init(
        probabilities: [Double], binning: CalibrationBinning, binCount: Int, simulations: Int,
        random: inout some RandomNumberGenerator
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
        let cutoffs = probabilities.map { UInt64((min(max($0, 0), 1) * 0x1p53).rounded(.up)) }
        var draws = SeededRandomNumberGenerator(seed: random.next())
        for _ in 0..<simulations {
            for bin in 0..<binCount { positives[bin] = 0 }
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
