/// One fitted tree, as flat arrays indexed by node (node 0 is the root).
///
/// An internal node sends a row left when its column's value is at most `threshold`; a missing value (NaN)
/// goes the learned default way. `cover` is the number of training rows that reached the node: TreeSHAP
/// weighs the two sides of a split the row does not decide by it.
public struct RegressionTree: Codable, Hashable, Sendable {
    /// The encoded column a node splits on, or -1 for a leaf.
    public var column: [Int32]
    public var threshold: [Double]
    public var defaultLeft: [Bool]
    public var left: [Int32]
    public var right: [Int32]
    /// The leaf's contribution to the log-odds (learning rate already applied); 0 for internal nodes.
    public var value: [Double]
    public var cover: [Double]

    public init() {
        column = []
        threshold = []
        defaultLeft = []
        left = []
        right = []
        value = []
        cover = []
    }

    public var nodeCount: Int { column.count }

    public func isLeaf(_ node: Int) -> Bool { column[node] < 0 }

    /// Appends a leaf and returns its index.
    mutating func appendLeaf(value leafValue: Double, cover count: Double) -> Int {
        column.append(-1)
        threshold.append(0)
        defaultLeft.append(true)
        left.append(-1)
        right.append(-1)
        value.append(leafValue)
        cover.append(count)
        return column.count - 1
    }

    /// The child a row goes to at internal node `node`.
    @inline(__always)
    public func child(of node: Int, row: UnsafeBufferPointer<Double>) -> Int {
        let x = row[Int(column[node])]
        if x.isNaN { return Int(defaultLeft[node] ? left[node] : right[node]) }
        return Int(x <= threshold[node] ? left[node] : right[node])
    }

    /// The leaf value for one encoded row.
    public func predict(_ row: UnsafeBufferPointer<Double>) -> Double {
        var node = 0
        while column[node] >= 0 { node = child(of: node, row: row) }
        return value[node]
    }

    /// The cover-weighted mean of the leaf values: what the tree predicts for a row nothing is known about.
    public var expectedValue: Double {
        var total = 0.0
        for node in 0..<nodeCount where column[node] < 0 { total += value[node] * cover[node] }
        return cover.isEmpty || cover[0] == 0 ? 0 : total / cover[0]
    }

    /// The deepest path's number of internal nodes.
    public var depth: Int {
        func depth(_ node: Int) -> Int {
            column[node] < 0 ? 0 : 1 + max(depth(Int(left[node])), depth(Int(right[node])))
        }
        return nodeCount == 0 ? 0 : depth(0)
    }
}
