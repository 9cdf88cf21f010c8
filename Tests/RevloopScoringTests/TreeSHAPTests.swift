import Foundation
import RevloopCore
import Testing

@testable import RevloopScoring

/// TreeSHAP against the definition: Shapley values by enumerating every subset of features, with the value
/// of a subset the tree's expected prediction when only those features are known (unknown splits weighted
/// by training cover).
@Suite struct TreeSHAPTests {
    /// E[f(x) | x_S] by the tree's cover.
    static func conditionalExpectation(_ tree: RegressionTree, _ row: [Double], known: Set<Int>, node: Int = 0)
        -> Double
    {
        if tree.isLeaf(node) { return tree.value[node] }
        let left = Int(tree.left[node])
        let right = Int(tree.right[node])
        if known.contains(Int(tree.column[node])) {
            let next = row.withUnsafeBufferPointer { tree.child(of: node, row: $0) }
            return conditionalExpectation(tree, row, known: known, node: next)
        }
        let cover = tree.cover[node]
        return
            (tree.cover[left] * conditionalExpectation(tree, row, known: known, node: left)
            + tree.cover[right] * conditionalExpectation(tree, row, known: known, node: right)) / cover
    }

    static func bruteForceShapley(_ tree: RegressionTree, _ row: [Double]) -> [Double] {
        let m = row.count
        var factorial = [1.0]
        for k in 1...m { factorial.append(factorial[k - 1] * Double(k)) }
        var phi = [Double](repeating: 0, count: m)
        for feature in 0..<m {
            let others = (0..<m).filter { $0 != feature }
            for mask in 0..<(1 << others.count) {
                let subset = Set(others.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
                let weight = factorial[subset.count] * factorial[m - subset.count - 1] / factorial[m]
                phi[feature] +=
                    weight
                    * (conditionalExpectation(tree, row, known: subset.union([feature]))
                        - conditionalExpectation(tree, row, known: subset))
            }
        }
        return phi
    }

    /// A hand-built tree that splits on column 0 twice along one path, so the UNWIND step is exercised.
    static func handBuiltTree() -> RegressionTree {
        var tree = RegressionTree()
        func node(_ column: Int, _ threshold: Double, _ defaultLeft: Bool, _ cover: Double) -> Int {
            let index = tree.appendLeaf(value: 0, cover: cover)
            tree.column[index] = Int32(column)
            tree.threshold[index] = threshold
            tree.defaultLeft[index] = defaultLeft
            return index
        }
        let root = node(0, 0.5, true, 100)
        let a = node(1, 2.0, false, 60)
        let b = node(0, 1.5, true, 40)
        let a1 = tree.appendLeaf(value: -1.0, cover: 25)
        let a2 = node(2, 0.0, true, 35)
        let a2l = tree.appendLeaf(value: 0.5, cover: 15)
        let a2r = tree.appendLeaf(value: 2.0, cover: 20)
        let b1 = tree.appendLeaf(value: 1.0, cover: 30)
        let b2 = tree.appendLeaf(value: -0.25, cover: 10)
        tree.left[root] = Int32(a)
        tree.right[root] = Int32(b)
        tree.left[a] = Int32(a1)
        tree.right[a] = Int32(a2)
        tree.left[a2] = Int32(a2l)
        tree.right[a2] = Int32(a2r)
        tree.left[b] = Int32(b1)
        tree.right[b] = Int32(b2)
        return tree
    }

    @Test func matchesBruteForceShapleyOnAHandBuiltTreeForEveryPath() {
        let tree = Self.handBuiltTree()
        let rows: [[Double]] = [
            [0, 1, -1, 7], [0, 3, -1, 7], [0, 3, 1, 7], [1, 0, 0, 7], [2, 0, 0, 7], [.nan, 3, .nan, 7],
            [1, .nan, 5, 7],
        ]
        for row in rows {
            var phi = [Double](repeating: 0, count: row.count)
            row.withUnsafeBufferPointer { TreeSHAP.accumulate(tree, row: $0, into: &phi) }
            let expected = Self.bruteForceShapley(tree, row)
            for (actual, wanted) in zip(phi, expected) { #expect(abs(actual - wanted) < 1e-12) }
            let prediction = row.withUnsafeBufferPointer { tree.predict($0) }
            #expect(abs(tree.expectedValue + phi.reduce(0, +) - prediction) < 1e-12)
            #expect(phi[3] == 0)  // a column no split uses gets nothing
        }
    }

    @Test func matchesBruteForceOnTrainedTreesWithMissingValues() throws {
        var random = SeededRandomNumberGenerator(seed: 11)
        let n = 600
        var values: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<n {
            let x = (0..<5).map { _ in Double(random.next() % 1000) / 100 }
            var row = x
            if random.next() % 5 == 0 { row[2] = .nan }
            let third: Double = row[2].isNaN ? 1.5 : 0.2 * x[2]
            let logit: Double = 0.6 * x[0] - 0.4 * x[1] + third - 2
            labels.append(Double(random.next() % 10_000) / 10_000 < 1 / (1 + exp(-logit)))
            values.append(contentsOf: row)
        }
        let matrix = DesignMatrix(rowCount: n, columnCount: 5, values: values)
        let ensemble = HistogramBooster.fit(
            matrix, labels: labels,
            parameters: BoostingParameters(trees: 5, learningRate: 0.3, maximumLeaves: 8, minimumRowsPerLeaf: 10))
        #expect(ensemble.trees.allSatisfy { $0.nodeCount == 15 })
        for rowIndex in stride(from: 0, to: n, by: 37) {
            let row = Array(values[(rowIndex * 5)..<(rowIndex * 5 + 5)])
            for tree in ensemble.trees {
                var phi = [Double](repeating: 0, count: 5)
                row.withUnsafeBufferPointer { TreeSHAP.accumulate(tree, row: $0, into: &phi) }
                let expected = Self.bruteForceShapley(tree, row)
                for (actual, wanted) in zip(phi, expected) { #expect(abs(actual - wanted) < 1e-10) }
            }
        }
    }
}
