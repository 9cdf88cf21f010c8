internal import Foundation

/// Draws from the distributions the posterior needs, from any seeded generator (no global randomness).
enum Sampling {
    /// A uniform draw in (0, 1), never exactly 0.
    static func uniform(_ random: inout some RandomNumberGenerator) -> Double {
        (Double(random.next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    /// A standard normal draw (Box-Muller).
    static func normal(_ random: inout some RandomNumberGenerator) -> Double {
        let u1 = uniform(&random)
        let u2 = uniform(&random)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Gamma(shape, rate 1) draw (Marsaglia and Tsang; shape < 1 boosted).
    static func gamma(shape: Double, _ random: inout some RandomNumberGenerator) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1, &random) * pow(uniform(&random), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal(&random)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform(&random)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
