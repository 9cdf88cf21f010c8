/// Each encoded column cut into at most `maximumBins` value bins (quantiles of the training values, or one bin
/// per distinct value when there are few), stored as one byte per cell, row-major. Column `c`'s missing
/// values take code `binCounts[c]`, one past its last value bin, so a histogram slot is `offset + code`
/// with no branch in the hot loop.
struct FeatureBins: Sendable {
    let rowCount: Int
    let columnCount: Int
    /// `codes[row * columnCount + column]`.
    let codes: [UInt8]
    /// The same codes by column, `columnCodes[column * rowCount + row]`: partitioning a node's rows reads
    /// one column for rows in any order, and one column's run stays in cache where rows' strides would not.
    let columnCodes: [UInt8]
    /// Value bins per column (its missing code).
    let binCounts: [Int]
    /// `upperBounds[c][b]`: the largest value in bin `b`; the last bin's bound is the largest finite double.
    let upperBounds: [[Double]]
    /// Column `c`'s histogram slots are `slotOffsets[c] ..< slotOffsets[c + 1]` (value bins, then missing).
    let slotOffsets: [Int]
    /// Each column's most frequent code. Histograms skip it (its sums are the node's totals minus the other
    /// bins'), as LightGBM does for sparse features: most CRM and survey columns are mostly one value.
    let commonCodes: [UInt8]
    /// Row `r`'s cells that are not their column's common code, as histogram slots:
    /// `rareSlots[rareStarts[r] ..< rareStarts[r + 1]]`.
    let rareStarts: [Int32]
    let rareSlots: [UInt32]

    /// Bins `matrix` with bounds learned from its own values (the training rows).
    init(_ matrix: DesignMatrix, maximumBins: Int) {
        let bounds = FeatureBins.bounds(of: matrix, maximumBins: maximumBins)
        let n = matrix.rowCount
        let p = matrix.columnCount
        var codes = [UInt8](repeating: 0, count: n * p)
        for c in 0..<p {
            let columnBounds = bounds[c]
            for row in 0..<n {
                codes[row * p + c] = FeatureBins.code(matrix.values[row * p + c], bounds: columnBounds)
            }
        }
        self.init(codes: codes, rowCount: n, bounds: bounds)
    }

    /// The bins of rows `rows` only, with these bounds: the inner folds of one training set share the bounds
    /// and codes of all its rows (binning is unsupervised: no label is read), so values are sorted and coded
    /// once, not per fold.
    func rows(_ rows: [Int]) -> FeatureBins {
        let p = columnCount
        var subset = [UInt8](repeating: 0, count: rows.count * p)
        codes.withUnsafeBufferPointer { all in
            subset.withUnsafeMutableBufferPointer { out in
                for (index, row) in rows.enumerated() {
                    for c in 0..<p { out[index * p + c] = all[row * p + c] }
                }
            }
        }
        return FeatureBins(codes: subset, rowCount: rows.count, bounds: upperBounds)
    }

    /// Everything else follows from the codes: slot offsets, each column's common code, the rare cells.
    private init(codes: [UInt8], rowCount n: Int, bounds: [[Double]]) {
        let p = bounds.count
        var offsets = [0]
        for c in 0..<p { offsets.append(offsets[c] + bounds[c].count + 1) }
        var common = [UInt8](repeating: 0, count: p)
        for c in 0..<p {
            var counts = [Int](repeating: 0, count: bounds[c].count + 1)
            for row in 0..<n { counts[Int(codes[row * p + c])] += 1 }
            common[c] = UInt8(
                counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0)
        }
        var starts = [Int32](repeating: 0, count: n + 1)
        var slots: [UInt32] = []
        for row in 0..<n {
            for c in 0..<p where codes[row * p + c] != common[c] {
                slots.append(UInt32(offsets[c] + Int(codes[row * p + c])))
            }
            starts[row + 1] = Int32(slots.count)
        }
        self.rowCount = n
        self.columnCount = p
        var byColumn = [UInt8](repeating: 0, count: n * p)
        for row in 0..<n {
            for c in 0..<p { byColumn[c * n + row] = codes[row * p + c] }
        }
        self.codes = codes
        self.columnCodes = byColumn
        self.binCounts = bounds.map(\.count)
        self.upperBounds = bounds
        self.slotOffsets = offsets
        self.commonCodes = common
        self.rareStarts = starts
        self.rareSlots = slots
    }

    /// Each column's bin bounds: quantiles of its training values, or one bin per distinct value when there
    /// are few. Unsupervised (labels are not read), so learning them on all the training rows leaks nothing
    /// into an inner fold's held-out rows.
    static func bounds(of matrix: DesignMatrix, maximumBins: Int) -> [[Double]] {
        let bins = min(max(maximumBins, 2), 254)
        let n = matrix.rowCount
        let p = matrix.columnCount
        var bounds: [[Double]] = []
        bounds.reserveCapacity(p)
        var column = [Double]()
        column.reserveCapacity(n)
        for c in 0..<p {
            if let few = FeatureBins.fewDistinctBounds(matrix, column: c, limit: min(32, bins)) {
                bounds.append(few)
                continue
            }
            column.removeAll(keepingCapacity: true)
            for row in 0..<n {
                let value = matrix.values[row * p + c]
                if !value.isNaN { column.append(value) }
            }
            bounds.append(FeatureBins.upperBounds(sorted: column.sorted(), maximumBins: bins))
        }
        return bounds
    }

    /// The bin code of `value`: the first bin whose bound holds it, or the missing code for NaN.
    static func code(_ value: Double, bounds: [Double]) -> UInt8 {
        if value.isNaN { return UInt8(bounds.count) }
        var low = 0
        var high = bounds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= bounds[middle] { high = middle } else { low = middle + 1 }
        }
        return UInt8(low)
    }

    /// The bounds of a column with at most `limit` distinct values (codes, counts, flags: most CRM columns),
    /// found by one scan instead of a sort; the same bounds `upperBounds(sorted:)` gives. `nil` for more.
    static func fewDistinctBounds(_ matrix: DesignMatrix, column: Int, limit: Int) -> [Double]? {
        var distinct: [Double] = []
        distinct.reserveCapacity(limit + 1)
        let p = matrix.columnCount
        let found: Bool = matrix.values.withUnsafeBufferPointer { values in
            var last = Double.nan
            for row in 0..<matrix.rowCount {
                let value = values[row * p + column]
                if value.isNaN || value == last { continue }
                last = value
                if !distinct.contains(value) {
                    if distinct.count == limit { return false }
                    distinct.append(value)
                }
            }
            return true
        }
        guard found else { return nil }
        guard !distinct.isEmpty else { return [Double.greatestFiniteMagnitude] }
        distinct.sort()
        var bounds: [Double] = []
        for index in 0..<(distinct.count - 1) { bounds.append((distinct[index] + distinct[index + 1]) / 2) }
        bounds.append(Double.greatestFiniteMagnitude)
        return bounds
    }

    /// Bounds halfway between neighbouring distinct values, at most `maximumBins` bins of roughly equal count.
    static func upperBounds(sorted values: [Double], maximumBins: Int) -> [Double] {
        guard !values.isEmpty else { return [Double.greatestFiniteMagnitude] }
        var distinct: [Double] = []
        var counts: [Int] = []
        for value in values {
            if let last = distinct.last, last == value {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(value)
                counts.append(1)
            }
        }
        var bounds: [Double] = []
        if distinct.count <= maximumBins {
            for index in 0..<(distinct.count - 1) { bounds.append((distinct[index] + distinct[index + 1]) / 2) }
        } else {
            let perBin = Double(values.count) / Double(maximumBins)
            var seen = 0
            for index in 0..<(distinct.count - 1) {
                seen += counts[index]
                if Double(seen) >= perBin * Double(bounds.count + 1), bounds.count < maximumBins - 1 {
                    bounds.append((distinct[index] + distinct[index + 1]) / 2)
                }
            }
        }
        bounds.append(Double.greatestFiniteMagnitude)
        return bounds
    }
}
