/// The exact two-sided p-value of the two-sample KS statistic, P(D_{n,m} >= d), the way
/// scipy.stats._stats_py._attempt_exact_2kssamp computes it.
enum TwoSampleKolmogorovExact {
    /// `nil` when lcm(n, m) is too large (scipy's int32 guard) or the count is not a probability.
    static func pValue(_ d: Double, _ n1: Int, _ n2: Int) -> Double? {
        let g = greatestCommonDivisor(n1, n2)
        let n1g = n1 / g
        let n2g = n2 / g
        guard n1g < Int(Int32.max) / n2g else { return nil }
        let lcm = n1g * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        if h == 0 { return 1 }
        let probability = n1 == n2 ? outsideSquare(n1, h) : outerInside(n1, n2, g, h)
        guard probability.isFinite, probability >= 0, probability <= 1 else { return nil }
        return probability
    }

    /// Equal sizes: 2 (A0 (1 - A1 (1 - A2 (...)))), the alternating binomial sum in Horner form.
    static func outsideSquare(_ n: Int, _ h: Int) -> Double {
        var total = 0.0
        var k = n / h
        while k >= 0 {
            var term = 1.0
            for j in 0..<h { term = Double(n - k * h - j) * term / Double(n + k * h + j + 1) }
            total = term * (1 - total)
            k -= 1
        }
        return 2 * total
    }

    /// Unequal sizes: the share of lattice paths from (0, 0) to (m, n) that leave the band
    /// |x/m - y/n| < h / lcm, one sliding column at a time, computing 1 - p directly.
    static func outerInside(_ first: Int, _ second: Int, _ g: Int, _ h: Int) -> Double {
        let m = max(first, second)
        let n = min(first, second)
        let mg = m / g
        let ng = n / g
        var minJ = 0
        var maxJ = min(ceilingDivision(h, mg), n + 1)
        var currentLength = maxJ - minJ
        let length = min(2 * maxJ + 2, n + 1)
        var column = [Double](repeating: 1, count: length)
        for index in minJ..<min(maxJ, length) { column[index] = 0 }
        for i in 1...m {
            let lastMinJ = minJ
            let lastLength = currentLength
            minJ = min(max(floorDivision(ng * i - h, mg) + 1, 0), n)
            maxJ = min(ceilingDivision(ng * i + h, mg), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for offset in 0..<(maxJ - minJ) {
                let j = offset + minJ
                let previousIndex = offset + minJ - lastMinJ
                let previous = previousIndex < column.count ? column[previousIndex] : 1
                value = (previous * Double(i) + value * Double(j)) / Double(i + j)
                if offset < column.count { column[offset] = value }
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                let start = maxJ - minJ
                let end = min(start + (lastLength - currentLength), column.count)
                if start < end { for index in start..<end { column[index] = 1 } }
            }
        }
        let last = maxJ - minJ - 1
        return last < column.count ? column[last] : 1
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    private static func floorDivision(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func ceilingDivision(_ a: Int, _ b: Int) -> Int { -floorDivision(-a, b) }
}
