/// Solves a symmetric positive-definite system A·x = b (Newton steps of the logistic and Platt fits).
enum CholeskySolver {
    /// `matrix` is row-major `size` x `size`; `nil` when it is not positive definite.
    static func solve(_ matrix: [Double], _ right: [Double], size: Int) -> [Double]? {
        var lower = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= lower[i * size + k] * lower[j * size + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    lower[i * size + i] = sum.squareRoot()
                } else {
                    lower[i * size + j] = sum / lower[j * size + j]
                }
            }
        }
        var forward = [Double](repeating: 0, count: size)
        for i in 0..<size {
            var sum = right[i]
            for k in 0..<i { sum -= lower[i * size + k] * forward[k] }
            forward[i] = sum / lower[i * size + i]
        }
        var solution = [Double](repeating: 0, count: size)
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = forward[i]
            for k in (i + 1)..<size { sum -= lower[k * size + i] * solution[k] }
            solution[i] = sum / lower[i * size + i]
        }
        return solution
    }
}
