/// Turns feature values into a numeric matrix, with every statistic (means, scales, the category list,
/// which features get a missing indicator) learned from the training rows only, so a validation row never
/// leaks into its own encoding.
public struct FeatureEncoder: Codable, Hashable, Sendable {
    public var style: EncodingStyle
    public var schema: FeatureSchema
    public var columns: [EncodedColumn]

    public init(style: EncodingStyle, schema: FeatureSchema, columns: [EncodedColumn]) {
        self.style = style
        self.schema = schema
        self.columns = columns
    }

    /// Learns the encoding from the rows `rows` of `table` (all rows when `nil`).
    public static func fit(_ table: FeatureTable, rows: [Int]? = nil, style: EncodingStyle) -> FeatureEncoder {
        let indices = rows ?? Array(0..<table.rowCount)
        var columns: [EncodedColumn] = []
        for (feature, spec) in table.schema.features.enumerated() {
            let values = table.columns[feature]
            var sum = 0.0
            var count = 0
            var hasMissing = false
            var categories: Set<String> = []
            for row in indices {
                switch values[row] {
                case .number(let number) where number.isFinite:
                    if spec.kind == .categorical {
                        categories.insert(FeatureEncoder.categoryName(number))
                    } else {
                        sum += number
                        count += 1
                    }
                case .category(let name):
                    if spec.kind == .categorical { categories.insert(name) } else { hasMissing = true }
                case .number, .missing:
                    hasMissing = true
                }
            }
            switch spec.kind {
            case .numeric:
                let mean = count > 0 ? sum / Double(count) : 0
                var squares = 0.0
                for row in indices {
                    if case .number(let number) = values[row], number.isFinite {
                        squares += (number - mean) * (number - mean)
                    }
                }
                // Population standard deviation, as StandardScaler; a constant column keeps scale 1.
                let deviation = count > 0 ? (squares / Double(count)).squareRoot() : 0
                let scale = deviation > 1e-12 ? deviation : 1
                switch style {
                case .linear:
                    columns.append(EncodedColumn(feature: feature, role: .standardized, mean: mean, scale: scale))
                case .tree:
                    columns.append(EncodedColumn(feature: feature, role: .raw))
                }
            case .categorical:
                for category in categories.sorted() {
                    columns.append(EncodedColumn(feature: feature, role: .oneHot, category: category))
                }
            }
            if style == .linear, hasMissing {
                columns.append(EncodedColumn(feature: feature, role: .missingIndicator))
            }
        }
        return FeatureEncoder(style: style, schema: table.schema, columns: columns)
    }

    /// A number read where a category is expected ("3" from the number 3).
    static func categoryName(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// The encoded value of column `column` for a feature value.
    public func encode(_ value: FeatureValue, column: EncodedColumn) -> Double {
        let isCategorical = schema.features[column.feature].kind == .categorical
        switch column.role {
        case .standardized:
            if case .number(let number) = value, number.isFinite { return (number - column.mean) / column.scale }
            return 0
        case .raw:
            if case .number(let number) = value, number.isFinite { return number }
            return .nan
        case .oneHot:
            switch value {
            case .category(let name): return name == column.category ? 1 : 0
            case .number(let number) where number.isFinite && isCategorical:
                return FeatureEncoder.categoryName(number) == column.category ? 1 : 0
            case .number, .missing: return style == .tree ? .nan : 0
            }
        case .missingIndicator:
            switch value {
            case .number(let number): return number.isFinite ? 0 : 1
            case .category: return isCategorical ? 0 : 1
            case .missing: return 1
            }
        }
    }

    /// Encodes rows `rows` of `table` (all rows when `nil`) into a row-major matrix.
    public func encode(_ table: FeatureTable, rows: [Int]? = nil) -> DesignMatrix {
        precondition(table.schema == schema, "the table's schema must be the encoder's")
        let indices = rows ?? Array(0..<table.rowCount)
        let width = columns.count
        var values = [Double](repeating: 0, count: indices.count * width)
        values.withUnsafeMutableBufferPointer { buffer in
            for (position, column) in columns.enumerated() {
                let source = table.columns[column.feature]
                for (output, row) in indices.enumerated() {
                    buffer[output * width + position] = encode(source[row], column: column)
                }
            }
        }
        return DesignMatrix(rowCount: indices.count, columnCount: width, values: values)
    }

    /// Encodes one row keyed by feature name (an absent key is missing).
    public func encode(_ row: [String: FeatureValue]) -> [Double] {
        let values = schema.features.map { row[$0.name] ?? .missing }
        return columns.map { encode(values[$0.feature], column: $0) }
    }
}
