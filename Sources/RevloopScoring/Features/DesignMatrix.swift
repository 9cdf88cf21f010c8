/// A dense row-major matrix of encoded features: `values[row * columnCount + column]`.
public struct DesignMatrix: Sendable, Equatable {
    public var rowCount: Int
    public var columnCount: Int
    public var values: [Double]

    public init(rowCount: Int, columnCount: Int, values: [Double]) {
        precondition(values.count == rowCount * columnCount, "rowCount x columnCount values")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }
}

extension DesignMatrix {
    /// The rows `rows`, in that order.
    public func rows(_ rows: [Int]) -> DesignMatrix {
        var output = [Double]()
        output.reserveCapacity(rows.count * columnCount)
        for row in rows { output.append(contentsOf: values[(row * columnCount)..<((row + 1) * columnCount)]) }
        return DesignMatrix(rowCount: rows.count, columnCount: columnCount, values: output)
    }
}
