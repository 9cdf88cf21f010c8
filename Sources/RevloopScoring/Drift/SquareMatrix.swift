/// A dense square matrix of doubles, row-major, just enough for the Durbin matrix power.
struct SquareMatrix {
    let size: Int
    private(set) var elements: [Double]

    init(size: Int) {
        self.size = size
        elements = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for index in 0..<size { matrix[index, index] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { elements[row * size + column] }
        set { elements[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for index in elements.indices { elements[index] *= factor }
    }

    func multiplied(by other: SquareMatrix) -> SquareMatrix {
        var result = SquareMatrix(size: size)
        elements.withUnsafeBufferPointer { left in
            other.elements.withUnsafeBufferPointer { right in
                result.elements.withUnsafeMutableBufferPointer { out in
                    for row in 0..<size {
                        for inner in 0..<size {
                            let factor = left[row * size + inner]
                            if factor == 0 { continue }
                            for column in 0..<size {
                                out[row * size + column] += factor * right[inner * size + column]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
