/// Gradient-boosted trees on the log-odds: margin = initialMargin + Σ tree leaf values.
public struct TreeEnsemble: Codable, Hashable, Sendable {
    public var initialMargin: Double
    public var trees: [RegressionTree]

    public init(initialMargin: Double, trees: [RegressionTree]) {
        self.initialMargin = initialMargin
        self.trees = trees
    }

    /// The log-odds for one encoded row (NaN for missing).
    public func margin(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { buffer in
            var sum = initialMargin
            for tree in trees { sum += tree.predict(buffer) }
            return sum
        }
    }

    /// The log-odds for every row of `matrix`.
    public func margins(_ matrix: DesignMatrix) -> [Double] {
        var output = [Double](repeating: initialMargin, count: matrix.rowCount)
        matrix.values.withUnsafeBufferPointer { values in
            for row in 0..<matrix.rowCount {
                let slice = UnsafeBufferPointer(
                    rebasing: values[(row * matrix.columnCount)..<((row + 1) * matrix.columnCount)])
                var sum = initialMargin
                for tree in trees { sum += tree.predict(slice) }
                output[row] = sum
            }
        }
        return output
    }

    /// TreeSHAP's base value: the initial margin plus each tree's cover-weighted mean leaf.
    public var expectedMargin: Double { trees.reduce(initialMargin) { $0 + $1.expectedValue } }
}
