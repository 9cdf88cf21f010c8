internal import Foundation

/// The distribution of the two-sided one-sample Kolmogorov-Smirnov statistic D_n for a finite n
/// (scipy's `kstwo`), following Simard and L'Ecuyer (2011) the way scipy.stats._ksstats does: the
/// Ruben-Gambino closed forms at the ends, twice the one-sided Smirnov tail (Birnbaum-Tingey sum) in
/// the upper tail, the Durbin matrix (Marsaglia-Tsang-Wang) where it is cheap, and Pelz-Good's
/// asymptotic series elsewhere. scipy uses Pomeranz's recursion for n <= 140 and 0.754693 < n x^2 <= 4;
/// this file uses the Durbin matrix there instead, which is exact too, so the two agree to rounding.
public enum KolmogorovDistribution {
    /// P(D_n > x): the p-value of an observed D_n = x (scipy's `kstwo.sf(x, n)`).
    public static func survival(_ x: Double, sampleSize n: Int) -> Double {
        precondition(n > 0, "the sample size must be positive")
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let size = Double(n)
        let t = size * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let probability: Double
            if n <= 140 {
                var product = 1.0
                for index in 1...n { product *= Double(index) * (1.0 / size) * (2 * t - 1) }
                probability = product
            } else {
                probability = exp(logFactorialOverPower(size) + size * log(2 * t - 1))
            }
            return clip(1 - probability)
        }
        if t >= size - 1 { return clip(2 * pow(1 - x, size)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - clip(durbinMatrix(n, x))) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cumulative: Double
        if n <= 100_000 && size * pow(x, 1.5) <= 1.4 {
            cumulative = clip(durbinMatrix(n, x))
        } else {
            cumulative = clip(pelzGood(size, x))
        }
        return clip(1 - cumulative)
    }

    private static func clip(_ p: Double) -> Double { min(1, max(0, p)) }

    /// log(n! / n^n) by Stirling's series.
    private static func logFactorialOverPower(_ n: Double) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let reciprocal = 1 / n
        let argument = reciprocal / n
        var polynomial = 0.0
        for coefficient in coefficients { polynomial = polynomial * argument + coefficient }
        return log(n) / 2 - n + log(2 * Double.pi) / 2 + reciprocal * polynomial
    }

    /// P(D+_n > x), the one-sided Smirnov tail, by the Birnbaum-Tingey sum (every term positive), in logs.
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        let size = Double(n)
        let last = Int((size * (1 - x)).rounded(.down))
        let logFactorialN = IncompleteGamma.logGamma(size + 1)
        var total = 0.0
        for j in 0...max(0, last) {
            let jj = Double(j)
            let rest = (size - jj) / size - x
            if rest <= 0 && n - j > 0 { continue }
            let logChoose = logFactorialN - IncompleteGamma.logGamma(jj + 1) - IncompleteGamma.logGamma(size - jj + 1)
            var logTerm: Double = logChoose + log(x)
            logTerm += (jj - 1) * log(x + jj / size)
            if n - j > 0 { logTerm += (size - jj) * log(rest) }
            total += exp(logTerm)
        }
        return total
    }

    /// P(D_n <= x) by the Durbin matrix, powered by repeated squaring with exponent bookkeeping
    /// (Marsaglia, Tsang and Wang 2003).
    static func durbinMatrix(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factor = 1.0
        for j in 1...m {
            v[j - 1] = 1 - pow(h, Double(j))
            w[j - 1] = factor
            factor /= Double(j)
            v[j - 1] *= factor
        }
        let tail = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tail) * factor
        var matrix = SquareMatrix(size: m)
        for column in 1..<m {
            for row in (column - 1)..<m { matrix[row, column] = w[row - column + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }

        let big = 0x1p128
        var power = SquareMatrix.identity(size: m)
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power.multiplied(by: matrix)
                exponent += matrixExponent
            }
            matrix = matrix.multiplied(by: matrix)
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > big {
                matrix.scale(by: 1 / big)
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[k - 1, k - 1]
        for index in 1...n {
            p = Double(index) * p / Double(n)
            if abs(p) < 1 / big {
                p *= big
                exponent -= 128
            }
        }
        return exponent != 0 ? scalbn(p, exponent) : p
    }

    /// P(D_n <= x) by Pelz and Good's (1976) asymptotic series in 1/sqrt(n).
    static func pelzGood(_ n: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let piSquared = Double.pi * Double.pi
        let piFour = piSquared * piSquared
        let piSix = piFour * piSquared
        let z = n.squareRoot() * x
        let zSquared = z * z
        let zThree = zSquared * z
        let zFour = zSquared * zSquared
        let zSix = zFour * zSquared
        let qLog = -piSquared / 8 / zSquared
        if qLog < -708 { return 0 }
        let q = exp(qLog)
        let k1a = -zSquared
        let k1b = piSquared / 4
        let k2a = 6 * zSix + 2 * zFour
        let k2b = (2 * zFour - 5 * zSquared) * piSquared / 4
        let k2c = piFour * (1 - 2 * zSquared) / 16
        let k3d = piSix * (5 - 30 * zSquared) / 64
        let k3c = piFour * (-60 * zSquared + 212 * zFour) / 16
        let k3b = piSquared * (135 * zFour - 96 * zSix) / 4
        let k3a = -30 * zSix - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                let mSquared = m * m
                let mFour = mSquared * mSquared
                let mSix = mFour * mSquared
                let qPower = pow(q, Double(8 * k))
                let coefficients = [
                    1.0,
                    k1a + k1b * mSquared,
                    k2a + k2b * mSquared + k2c * mFour,
                    k3a + k3b * mSquared + k3c * mFour + k3d * mSix,
                ]
                for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
            }
        }
        let root2Pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * zFour, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * root2Pi / divisors[index] }
        let q2 = exp(-piSquared / 2 / zSquared)
        var extra2 = 0.0
        var extra3 = 0.0
        let root3z = 3.0.squareRoot() * z
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kSquared = Double(k * k)
                let qPower = pow(q2, kSquared)
                extra2 += kSquared * qPower
                let kPi = Double.pi * Double(k)
                extra3 += (root3z + kPi) * (root3z - kPi) * kSquared * qPower
            }
        }
        terms[2] += extra2 * piSquared * root2Pi / (-36 * zThree)
        terms[3] += extra3 * piSquared * root2Pi / (216 * zSix)
        var sum = 0.0
        for index in 0..<4 { sum += terms[index] / pow(n, Double(index) / 2) }
        return sum
    }
}
