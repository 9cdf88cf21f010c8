#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Fits a `TreeEnsemble` to binary labels by Newton boosting on the log-loss, with histograms.
///
/// Per tree: gradients and hessians of every row; the root's histogram (per column and bin, the sums of
/// gradient, hessian and count); then leaf-wise growth, always splitting the leaf with the largest gain.
/// Only the smaller child's histogram is built; the larger one is the parent's minus it. A split tries the
/// missing values on both sides and keeps the better: that is the learned default direction.
enum HistogramBooster {
    /// A leaf being grown: its rows are `order[start..<end]`, its histogram `histograms[histogram]`.
    private struct OpenLeaf {
        var node: Int
        var start: Int
        var end: Int
        var histogram: Int
        var gradient: Double
        var hessian: Double
        var split: Split?
    }

    private struct Split {
        var column: Int
        var bin: Int
        var missingLeft: Bool
        var gain: Double
    }

    static func fit(_ matrix: DesignMatrix, labels: [Bool], parameters: BoostingParameters) -> TreeEnsemble {
        fit(FeatureBins(matrix, maximumBins: parameters.maximumBins), labels: labels, parameters: parameters)
    }

    /// Fits on rows already binned (inner folds share the bins of their training set: `FeatureBins.rows`).
    static func fit(_ bins: FeatureBins, labels: [Bool], parameters: BoostingParameters) -> TreeEnsemble {
        let n = bins.rowCount
        let p = bins.columnCount
        let positives = Double(labels.filter { $0 }.count)
        let rate = min(max(positives / Double(max(n, 1)), 1e-6), 1 - 1e-6)
        let initialMargin = log(rate / (1 - rate))
        guard n > 0 else { return TreeEnsemble(initialMargin: initialMargin, trees: []) }
        let offsets = bins.slotOffsets
        let binCounts = bins.binCounts
        let slots = offsets[p]
        let y = labels.map { $0 ? 1.0 : 0.0 }
        var margins = [Double](repeating: initialMargin, count: n)
        var gradients = [Double](repeating: 0, count: n)
        var hessians = [Double](repeating: 0, count: n)
        var order = [Int32](repeating: 0, count: n)
        var scratch = [Int32](repeating: 0, count: n)
        var histograms: [[SIMD2<Double>]] = []
        var freeHistograms: [Int] = []
        var trees: [RegressionTree] = []
        trees.reserveCapacity(parameters.trees)
        let lambda = parameters.leafL2
        let minimumRows = Double(max(parameters.minimumRowsPerLeaf, 1))

        func takeHistogram() -> Int {
            if let index = freeHistograms.popLast() {
                histograms[index].withUnsafeMutableBufferPointer { buffer in
                    for slot in 0..<buffer.count { buffer[slot] = SIMD2() }
                }
                return index
            }
            histograms.append([SIMD2<Double>](repeating: SIMD2(), count: slots))
            return histograms.count - 1
        }

        /// Fills a histogram from the rows `order[start..<end]`, whose sums are `total`: only the cells that
        /// differ from their column's common code are visited; the common bin gets the remainder.
        func build(_ histogram: Int, start: Int, end: Int, total: SIMD2<Double>) {
            histograms[histogram].withUnsafeMutableBufferPointer { h in
                bins.rareSlots.withUnsafeBufferPointer { rare in
                    bins.rareStarts.withUnsafeBufferPointer { rareStarts in
                        order.withUnsafeBufferPointer { rows in
                            gradients.withUnsafeBufferPointer { g in
                                hessians.withUnsafeBufferPointer { hs in
                                    for position in start..<end {
                                        let row = Int(rows[position])
                                        let pair = SIMD2(g[row], hs[row])
                                        for entry in Int(rareStarts[row])..<Int(rareStarts[row + 1]) {
                                            h[Int(rare[entry])] += pair
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                for c in 0..<p {
                    let common = offsets[c] + Int(bins.commonCodes[c])
                    var rest = SIMD2<Double>()
                    for slot in offsets[c]..<offsets[c + 1] where slot != common { rest += h[slot] }
                    h[common] = total - rest
                }
            }
        }

        /// Row counts are estimated from hessians (count ≈ hessian × the leaf's rows per unit of hessian), as
        /// LightGBM does, so a histogram slot holds two sums and one vector add fills it.
        func bestSplit(_ histogram: Int, gradient: Double, hessian: Double, count: Int) -> Split? {
            let parentScore = gradient * gradient / (hessian + lambda)
            var best: Split?
            let total = Double(count)
            let rowsPerHessian = hessian > 0 ? total / hessian : 0
            histograms[histogram].withUnsafeBufferPointer { h in
                for c in 0..<p {
                    let binCount = binCounts[c]
                    let missing = h[offsets[c] + binCount]
                    let missingN = missing.y * rowsPerHessian
                    var left = SIMD2<Double>()
                    for b in 0..<binCount {
                        let slot = h[offsets[c] + b]
                        if slot.y == 0 { continue }
                        left += slot
                        for missingLeft in 0..<2 {
                            if missingLeft == 1, missingN < 0.5 { continue }
                            let side = missingLeft == 1 ? left + missing : left
                            let lg = side.x
                            let lh = side.y
                            let ln = lh * rowsPerHessian
                            let rn = total - ln
                            if ln < minimumRows - 0.5 || rn < minimumRows - 0.5 { continue }
                            let rh = hessian - lh
                            if lh < 1e-3 || rh < 1e-3 { continue }
                            let rg = gradient - lg
                            let gain = lg * lg / (lh + lambda) + rg * rg / (rh + lambda) - parentScore
                            if gain > 1e-12, gain > (best?.gain ?? 0) {
                                // With no missing value here, missing rows default to the bigger side.
                                let defaultLeft = missingN < 0.5 ? ln >= rn : missingLeft == 1
                                best = Split(column: c, bin: b, missingLeft: defaultLeft, gain: gain)
                            }
                        }
                    }
                }
            }
            return best
        }

        for _ in 0..<parameters.trees {
            var sumG = 0.0
            var sumH = 0.0
            margins.withUnsafeBufferPointer { m in
                gradients.withUnsafeMutableBufferPointer { g in
                    hessians.withUnsafeMutableBufferPointer { h in
                        order.withUnsafeMutableBufferPointer { rows in
                            for row in 0..<n {
                                let probability = 1 / (1 + exp(-m[row]))
                                g[row] = probability - y[row]
                                h[row] = max(probability * (1 - probability), 1e-16)
                                sumG += g[row]
                                sumH += h[row]
                                rows[row] = Int32(row)
                            }
                        }
                    }
                }
            }
            var tree = RegressionTree()
            let root = tree.appendLeaf(value: 0, cover: Double(n))
            let rootHistogram = takeHistogram()
            build(rootHistogram, start: 0, end: n, total: SIMD2(sumG, sumH))
            var leaves = [
                OpenLeaf(
                    node: root, start: 0, end: n, histogram: rootHistogram, gradient: sumG, hessian: sumH,
                    split: bestSplit(rootHistogram, gradient: sumG, hessian: sumH, count: n))
            ]
            while leaves.count < parameters.maximumLeaves {
                var chosen = -1
                for (index, leaf) in leaves.enumerated() {
                    guard let split = leaf.split else { continue }
                    if chosen < 0 || split.gain > (leaves[chosen].split?.gain ?? 0) { chosen = index }
                }
                guard chosen >= 0, let split = leaves[chosen].split else { break }
                let leaf = leaves[chosen]
                // Stable partition of the leaf's rows: left rows first, in their order. Branch-free (which side
                // a row takes is unpredictable): every row is written to both lists, and only its side's
                // length grows. The split column's codes are read from its own contiguous run.
                let missingCode = UInt8(bins.binCounts[split.column])
                let (leftEnd, leftSums) = order.withUnsafeMutableBufferPointer { rows in
                    scratch.withUnsafeMutableBufferPointer { right in
                        bins.columnCodes.withUnsafeBufferPointer { codes in
                            gradients.withUnsafeBufferPointer { g in
                                hessians.withUnsafeBufferPointer { h in
                                    let columnStart = split.column * n
                                    var leftEnd = leaf.start
                                    var rightCount = 0
                                    var sums = SIMD2<Double>()
                                    for position in leaf.start..<leaf.end {
                                        let row = rows[position]
                                        let code = codes[columnStart + Int(row)]
                                        let goesLeft = code == missingCode ? split.missingLeft : Int(code) <= split.bin
                                        rows[leftEnd] = row
                                        right[rightCount] = row
                                        let left = goesLeft ? 1 : 0
                                        leftEnd += left
                                        rightCount += 1 - left
                                        sums += SIMD2(g[Int(row)], h[Int(row)]) * Double(left)
                                    }
                                    for index in 0..<rightCount { rows[leftEnd + index] = right[index] }
                                    return (leftEnd, sums)
                                }
                            }
                        }
                    }
                }
                let leftG = leftSums.x
                let leftH = leftSums.y
                let leftNode = tree.appendLeaf(value: 0, cover: Double(leftEnd - leaf.start))
                let rightNode = tree.appendLeaf(value: 0, cover: Double(leaf.end - leftEnd))
                tree.column[leaf.node] = Int32(split.column)
                tree.threshold[leaf.node] = bins.upperBounds[split.column][split.bin]
                tree.defaultLeft[leaf.node] = split.missingLeft
                tree.left[leaf.node] = Int32(leftNode)
                tree.right[leaf.node] = Int32(rightNode)
                // Build the smaller child; the larger is the parent minus it, in the parent's buffer.
                let leftIsSmaller = leftEnd - leaf.start <= leaf.end - leftEnd
                let small = takeHistogram()
                if leftIsSmaller {
                    build(small, start: leaf.start, end: leftEnd, total: SIMD2(leftG, leftH))
                } else {
                    build(
                        small, start: leftEnd, end: leaf.end, total: SIMD2(leaf.gradient - leftG, leaf.hessian - leftH))
                }
                let large = leaf.histogram
                histograms[small].withUnsafeBufferPointer { s in
                    histograms[large].withUnsafeMutableBufferPointer { l in
                        for slot in 0..<l.count { l[slot] -= s[slot] }
                    }
                }
                let leftHistogram = leftIsSmaller ? small : large
                let rightHistogram = leftIsSmaller ? large : small
                let rightG = leaf.gradient - leftG
                let rightH = leaf.hessian - leftH
                // After the last split the tree is full: its new leaves need no split search.
                let splitsRemain = leaves.count + 1 < parameters.maximumLeaves
                let left = OpenLeaf(
                    node: leftNode, start: leaf.start, end: leftEnd, histogram: leftHistogram, gradient: leftG,
                    hessian: leftH,
                    split: splitsRemain
                        ? bestSplit(leftHistogram, gradient: leftG, hessian: leftH, count: leftEnd - leaf.start) : nil)
                let right = OpenLeaf(
                    node: rightNode, start: leftEnd, end: leaf.end, histogram: rightHistogram, gradient: rightG,
                    hessian: rightH,
                    split: splitsRemain
                        ? bestSplit(rightHistogram, gradient: rightG, hessian: rightH, count: leaf.end - leftEnd) : nil)
                leaves[chosen] = left
                leaves.append(right)
            }
            for leaf in leaves {
                let value = -leaf.gradient / (leaf.hessian + lambda) * parameters.learningRate
                tree.value[leaf.node] = value
                margins.withUnsafeMutableBufferPointer { m in
                    order.withUnsafeBufferPointer { rows in
                        for position in leaf.start..<leaf.end { m[Int(rows[position])] += value }
                    }
                }
                freeHistograms.append(leaf.histogram)
            }
            trees.append(tree)
        }
        return TreeEnsemble(initialMargin: initialMargin, trees: trees)
    }
}
