internal import Foundation

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x), and the inverse of Q,
/// which the chi-square quantile needs. Series below x = a + 1, Lentz's continued fraction above it
/// (Numerical Recipes section 6.2), each to double precision, so a quantile found by Newton-Halley steps
/// agrees with scipy.special.gammainccinv to about 1e-13 relative.
enum IncompleteGamma {
    /// log Gamma(x) for x > 0 (the C library's lgamma, named apart from its tuple-returning overload).
    static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }

    /// P(a, x): the lower regularized incomplete gamma function.
    static func lower(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "IncompleteGamma.lower needs a > 0")
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x)
    }

    /// Q(a, x): the upper regularized incomplete gamma function.
    static func upper(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "IncompleteGamma.upper needs a > 0")
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x)
    }

    /// The x at which Q(a, x) = q, for 0 < q < 1. Works on the smaller tail, so an upper-tail
    /// probability of 1e-6 keeps its digits.
    static func inverseUpper(_ a: Double, _ q: Double) -> Double {
        precondition(a > 0, "IncompleteGamma.inverseUpper needs a > 0")
        if q <= 0 { return .infinity }
        if q >= 1 { return 0 }
        let useUpper = q < 0.5
        let target = useUpper ? q : 1 - q
        func residual(_ x: Double) -> Double {
            useUpper ? upper(a, x) - target : lower(a, x) - target
        }
        let logGammaA = logGamma(a)
        // Start from Wilson-Hilferty, then keep a bracket so a bad step falls back to bisection.
        var x = wilsonHilfertyStart(a, q)
        var low = 0.0
        var high = Double.infinity
        for _ in 0..<200 {
            let f = residual(x)
            if f == 0 { return x }
            // Q decreases in x, P increases.
            let isBelowRoot = useUpper ? f > 0 : f < 0
            if isBelowRoot { low = x } else { high = x }
            let density = exp((a - 1) * log(x) - x - logGammaA)
            let slope = useUpper ? -density : density
            var next = x
            if density > 0 && density.isFinite {
                let newton = f / slope
                // Halley's correction: d/dx log density = (a - 1) / x - 1.
                let curvature = (a - 1) / x - 1
                let halley = newton / (1 - 0.5 * min(1, max(-1, newton * curvature)))
                next = x - halley
            }
            if !(next > low && next < high) || !next.isFinite {
                next = high.isFinite ? (low + high) / 2 : max(2 * x, x + 1)
            }
            if abs(next - x) <= 1e-15 * max(x, 1e-300) {
                return next
            }
            x = next
        }
        return x
    }

    private static func wilsonHilfertyStart(_ a: Double, _ q: Double) -> Double {
        let degrees = 2 * a
        let z = StandardNormal.quantile(1 - q)
        let cube = 1 - 2 / (9 * degrees) + z * (2 / (9 * degrees)).squareRoot()
        let chiSquare = degrees * cube * cube * cube
        if chiSquare > 0.01 { return chiSquare / 2 }
        // Small quantiles of few degrees of freedom: invert the leading term of the series instead.
        let lowerTail = 1 - q
        return max(1e-300, exp((log(lowerTail) + logGamma(a + 1)) / a))
    }

    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var denominator = a
        for _ in 0..<10_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(-x + a * log(x) - logGamma(a))
    }

    private static func upperFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for index in 1..<10_000 {
            let an = -Double(index) * (Double(index) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - logGamma(a)) * h
    }
}
