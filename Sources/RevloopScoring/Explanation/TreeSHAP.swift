/// Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2; Lundberg et al., Nature MI 2020): the Shapley
/// values of one tree's prediction, with the conditional expectation of a subset of features taken over the
/// training cover of the branches those features do not decide. Polynomial: O(leaves · depth²) per tree.
///
/// The path holds, for each feature split on along the way to a node, the fraction of cover that flows down
/// when the feature is unknown (`zero`) and whether the row's own value follows the path (`one`), plus the
/// weight of every subset size (`weight`). Extending and unwinding it is the paper's EXTEND and UNWIND.
enum TreeSHAP {
    private struct PathElement {
        var column: Int
        var zero: Double
        var one: Double
        var weight: Double
    }

    /// Adds the tree's contributions for `row` (an encoded row; NaN is missing) into `phi` (one slot per
    /// encoded column). Their sum plus `tree.expectedValue` is the tree's prediction for the row.
    static func accumulate(_ tree: RegressionTree, row: UnsafeBufferPointer<Double>, into phi: inout [Double]) {
        guard tree.nodeCount > 0 else { return }
        let depth = tree.depth
        var path = [PathElement](
            repeating: PathElement(column: -1, zero: 0, one: 0, weight: 0), count: (depth + 3) * (depth + 4) / 2)
        recurse(
            tree, row: row, phi: &phi, node: 0, path: &path, offset: 0, uniqueDepth: 0, parentZero: 1, parentOne: 1,
            parentColumn: -1)
    }

    private static func extend(
        _ path: inout [PathElement], _ o: Int, _ depth: Int, zero: Double, one: Double, column: Int
    ) {
        path[o + depth] = PathElement(column: column, zero: zero, one: one, weight: depth == 0 ? 1 : 0)
        var i = depth - 1
        while i >= 0 {
            path[o + i + 1].weight += one * path[o + i].weight * Double(i + 1) / Double(depth + 1)
            path[o + i].weight = zero * path[o + i].weight * Double(depth - i) / Double(depth + 1)
            i -= 1
        }
    }

    private static func unwind(_ path: inout [PathElement], _ o: Int, _ depth: Int, index: Int) {
        let one = path[o + index].one
        let zero = path[o + index].zero
        var next = path[o + depth].weight
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let saved = path[o + i].weight
                path[o + i].weight = next * Double(depth + 1) / (Double(i + 1) * one)
                next = saved - path[o + i].weight * zero * Double(depth - i) / Double(depth + 1)
            } else {
                path[o + i].weight = path[o + i].weight * Double(depth + 1) / (zero * Double(depth - i))
            }
            i -= 1
        }
        for j in index..<depth {
            path[o + j].column = path[o + j + 1].column
            path[o + j].zero = path[o + j + 1].zero
            path[o + j].one = path[o + j + 1].one
        }
    }

    private static func unwoundSum(_ path: [PathElement], _ o: Int, _ depth: Int, index: Int) -> Double {
        let one = path[o + index].one
        let zero = path[o + index].zero
        var next = path[o + depth].weight
        var total = 0.0
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let share = next * Double(depth + 1) / (Double(i + 1) * one)
                total += share
                next = path[o + i].weight - share * zero * Double(depth - i) / Double(depth + 1)
            } else if zero != 0 {
                total += path[o + i].weight / zero / (Double(depth - i) / Double(depth + 1))
            }
            i -= 1
        }
        return total
    }

    private static func recurse(
        _ tree: RegressionTree, row: UnsafeBufferPointer<Double>, phi: inout [Double], node: Int,
        path: inout [PathElement], offset parentOffset: Int, uniqueDepth parentDepth: Int, parentZero: Double,
        parentOne: Double, parentColumn: Int
    ) {
        // Each level works on its own copy of the path, placed after the parent's.
        var depth = parentDepth
        let o = parentOffset + depth + 1
        for i in 0...depth { path[o + i] = path[parentOffset + i] }
        extend(&path, o, depth, zero: parentZero, one: parentOne, column: parentColumn)
        if tree.isLeaf(node) {
            if depth == 0 { return }
            for i in 1...depth {
                let weight = unwoundSum(path, o, depth, index: i)
                let element = path[o + i]
                phi[element.column] += weight * (element.one - element.zero) * tree.value[node]
            }
            return
        }
        let column = Int(tree.column[node])
        let hot = tree.child(of: node, row: row)
        let cold = hot == Int(tree.left[node]) ? Int(tree.right[node]) : Int(tree.left[node])
        let cover = tree.cover[node]
        let hotZero = cover > 0 ? tree.cover[hot] / cover : 0
        let coldZero = cover > 0 ? tree.cover[cold] / cover : 0
        var incomingZero = 1.0
        var incomingOne = 1.0
        // A feature split on again: undo its earlier split, so it enters the path once.
        var index = 0
        while index <= depth {
            if path[o + index].column == column { break }
            index += 1
        }
        if index != depth + 1 {
            incomingZero = path[o + index].zero
            incomingOne = path[o + index].one
            unwind(&path, o, depth, index: index)
            depth -= 1
        }
        recurse(
            tree, row: row, phi: &phi, node: hot, path: &path, offset: o, uniqueDepth: depth + 1,
            parentZero: hotZero * incomingZero, parentOne: incomingOne, parentColumn: column)
        recurse(
            tree, row: row, phi: &phi, node: cold, path: &path, offset: o, uniqueDepth: depth + 1,
            parentZero: coldZero * incomingZero, parentOne: 0, parentColumn: column)
    }
}
