#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// L2-regularized logistic regression, fitted by Newton's method (iteratively reweighted least squares).
///
/// The objective is Σ log-loss + (l2 / 2)·‖w‖², the intercept unpenalized: `l2` is scikit-learn's 1/C. On
/// standardized columns Newton converges in a handful of iterations and is fully deterministic, so the same
/// rows give the same coefficients bit for bit.
public struct LogisticRegression: Codable, Hashable, Sendable {
    public var intercept: Double
    /// One coefficient per encoded column, in the encoder's column order.
    public var coefficients: [Double]
    public var l2: Double

    public init(intercept: Double, coefficients: [Double], l2: Double) {
        self.intercept = intercept
        self.coefficients = coefficients
        self.l2 = l2
    }

    /// The log-odds for one encoded row.
    public func margin(_ row: [Double]) -> Double {
        var sum = intercept
        for (weight, value) in zip(coefficients, row) { sum += weight * value }
        return sum
    }

    /// The log-odds for every row of `matrix`.
    public func margins(_ matrix: DesignMatrix) -> [Double] {
        let width = matrix.columnCount
        var output = [Double](repeating: intercept, count: matrix.rowCount)
        matrix.values.withUnsafeBufferPointer { x in
            coefficients.withUnsafeBufferPointer { w in
                for row in 0..<matrix.rowCount {
                    var sum = intercept
                    let base = row * width
                    for column in 0..<width { sum += w[column] * x[base + column] }
                    output[row] = sum
                }
            }
        }
        return output
    }

    /// Fits on `matrix` and `labels`; `start` warm-starts from a neighbouring fit (a regularization path).
    public static func fit(
        _ matrix: DesignMatrix, labels: [Bool], l2: Double, start: LogisticRegression? = nil,
        maximumIterations: Int = 50, tolerance: Double = 1e-7
    ) -> LogisticRegression {
        let n = matrix.rowCount
        let p = matrix.columnCount
        let size = p + 1  // column 0 of the system is the intercept
        var weights = [Double](repeating: 0, count: size)
        if let start, start.coefficients.count == p {
            weights[0] = start.intercept
            for column in 0..<p { weights[column + 1] = start.coefficients[column] }
        } else {
            let positives = Double(labels.filter { $0 }.count)
            let rate = min(max(positives / Double(max(n, 1)), 1e-6), 1 - 1e-6)
            weights[0] = log(rate / (1 - rate))
        }
        let y = labels.map { $0 ? 1.0 : 0.0 }
        // The columns padded to an even count, so the Hessian's row updates run two doubles at a time on
        // 16-byte-aligned SIMD2 lanes (the pad column is zero and never read back).
        let stride = p + (p & 1)
        let half = stride / 2
        var padded = [SIMD2<Double>](repeating: SIMD2(), count: max(n * half, 1))
        padded.withUnsafeMutableBufferPointer { target in
            target.withMemoryRebound(to: Double.self) { flat in
                for row in 0..<n {
                    for column in 0..<p { flat[row * stride + column] = matrix.values[row * p + column] }
                }
            }
        }
        var block = [SIMD2<Double>](repeating: SIMD2(), count: max(p * half, 1))
        var hessian = [Double](repeating: 0, count: size * size)
        var gradient = [Double](repeating: 0, count: size)
        var curvatures = [Double](repeating: 0, count: n)
        var previousObjective = Double.infinity
        for _ in 0..<maximumIterations {
            for index in 0..<hessian.count { hessian[index] = 0 }
            for index in 0..<block.count { block[index] = SIMD2() }
            for index in 0..<size { gradient[index] = 0 }
            var objective = 0.0
            matrix.values.withUnsafeBufferPointer { x in
                hessian.withUnsafeMutableBufferPointer { h in
                    gradient.withUnsafeMutableBufferPointer { g in
                        weights.withUnsafeBufferPointer { w in
                            for row in 0..<n {
                                let base = row * p
                                var margin = w[0]
                                for column in 0..<p { margin += w[column + 1] * x[base + column] }
                                let probability = 1 / (1 + exp(-margin))
                                // log(1 + e^m) - y·m, stable for large |m|.
                                objective +=
                                    (margin > 0 ? margin + log1p(exp(-margin)) : log1p(exp(margin)))
                                    - y[row] * margin
                                let residual = probability - y[row]
                                let curvature = max(probability * (1 - probability), 1e-12)
                                curvatures[row] = curvature
                                g[0] += residual
                                h[0] += curvature
                                for column in 0..<p {
                                    let value = x[base + column]
                                    g[column + 1] += residual * value
                                    h[column + 1] += curvature * value
                                }
                            }
                        }
                    }
                }
            }
            // The column block Σ curvature·x·xᵀ, upper part, four rows at a time (one pass over the block
            // per four rows instead of one per row).
            padded.withUnsafeBufferPointer { xv in
                xv.withMemoryRebound(to: Double.self) { xs in
                    block.withUnsafeMutableBufferPointer { hv in
                        var row = 0
                        while row < n {
                            let count = min(4, n - row)
                            let r0 = row * half
                            let r1 = (row + min(1, count - 1)) * half
                            let r2 = (row + min(2, count - 1)) * half
                            let r3 = (row + min(3, count - 1)) * half
                            let c0 = curvatures[row]
                            let c1 = count > 1 ? curvatures[row + 1] : 0
                            let c2 = count > 2 ? curvatures[row + 2] : 0
                            let c3 = count > 3 ? curvatures[row + 3] : 0
                            for j in 0..<p {
                                let s0 = SIMD2(repeating: c0 * xs[r0 * 2 + j])
                                let s1 = SIMD2(repeating: c1 * xs[r1 * 2 + j])
                                let s2 = SIMD2(repeating: c2 * xs[r2 * 2 + j])
                                let s3 = SIMD2(repeating: c3 * xs[r3 * 2 + j])
                                let target = j * half
                                for k in (j / 2)..<half {
                                    let first: SIMD2<Double> = s0 * xv[r0 + k] + s1 * xv[r1 + k]
                                    let second: SIMD2<Double> = s2 * xv[r2 + k] + s3 * xv[r3 + k]
                                    hv[target + k] += first + second
                                }
                            }
                            row += 4
                        }
                    }
                }
            }
            block.withUnsafeBufferPointer { hv in
                hv.withMemoryRebound(to: Double.self) { flat in
                    for j in 0..<p {
                        for k in j..<p { hessian[(j + 1) * size + k + 1] = flat[j * stride + k] }
                    }
                }
            }
            for column in 1..<size {
                objective += 0.5 * l2 * weights[column] * weights[column]
                gradient[column] += l2 * weights[column]
                hessian[column * size + column] += l2
            }
            // The upper triangle (intercept row included) was accumulated; mirror it below the diagonal.
            for j in 0..<size {
                for k in (j + 1)..<size { hessian[k * size + j] = hessian[j * size + k] }
            }
            guard let step = CholeskySolver.solve(hessian, gradient, size: size) else { break }
            var largest = 0.0
            for index in 0..<size {
                weights[index] -= step[index]
                largest = max(largest, abs(step[index]))
            }
            if largest < tolerance || abs(previousObjective - objective) < tolerance * max(1, abs(objective)) {
                break
            }
            previousObjective = objective
        }
        return LogisticRegression(intercept: weights[0], coefficients: Array(weights[1...]), l2: l2)
    }
}
