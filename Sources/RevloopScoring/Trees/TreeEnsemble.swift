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

    /// The log-odds for every row of `matrix`. Tree by tree over all rows: a tree's arrays are taken once per
    /// tree, not once per row (each take retains seven arrays). Every row still sums its trees in order, so
    /// the margins equal `margin(_:)`'s to the bit.
    public func margins(_ matrix: DesignMatrix) -> [Double] {
        var output = [Double](repeating: initialMargin, count: matrix.rowCount)
        let width = matrix.columnCount
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { sums in
                for tree in trees {
                    for row in 0..<sums.count {
                        sums[row] += tree.predict(
                            UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
                    }
                }
            }
        }
        return output
    }

    /// The mean of `ensembles`' margins as one ensemble: the mean initial margin and every tree with its leaf
    /// values divided by the count. Still one additive sum of trees, so TreeSHAP explains it exactly.
    public static func averaging(_ ensembles: [TreeEnsemble]) -> TreeEnsemble {
        precondition(!ensembles.isEmpty, "averaging needs at least one ensemble")
        let share = 1 / Double(ensembles.count)
        var trees: [RegressionTree] = []
        trees.reserveCapacity(ensembles.reduce(0) { $0 + $1.trees.count })
        for ensemble in ensembles {
            for var tree in ensemble.trees {
                for node in tree.value.indices { tree.value[node] *= share }
                trees.append(tree)
            }
        }
        return TreeEnsemble(initialMargin: ensembles.reduce(0) { $0 + $1.initialMargin } * share, trees: trees)
    }

    /// TreeSHAP's base value: the initial margin plus each tree's cover-weighted mean leaf.
    public var expectedMargin: Double { trees.reduce(initialMargin) { $0 + $1.expectedValue } }
}
