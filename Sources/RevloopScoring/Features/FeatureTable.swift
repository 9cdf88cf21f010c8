/// Training or scoring rows stored by column: the shape the encoder reads without a dictionary lookup per
/// cell. Build it from rows (the store's deals) or directly from columns (a CSV file).
public struct FeatureTable: Sendable, Equatable {
    public let schema: FeatureSchema
    /// `columns[f][r]` is feature `f` of row `r`, in schema order.
    public let columns: [[FeatureValue]]
    public let rowCount: Int

    /// A table from columns in schema order; every column must hold `rowCount` values.
    public init(schema: FeatureSchema, columns: [[FeatureValue]]) {
        precondition(schema.features.count == columns.count, "one column per feature")
        let count = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == count }, "every column holds one value per row")
        self.schema = schema
        self.columns = columns
        self.rowCount = count
    }

    /// A table from rows keyed by feature name; a key the schema lacks is ignored, an absent key is missing.
    public init(schema: FeatureSchema, rows: [[String: FeatureValue]]) {
        let columns = schema.features.map { spec in rows.map { $0[spec.name] ?? .missing } }
        self.schema = schema
        self.columns = columns
        self.rowCount = rows.count
    }

    /// One row as a dictionary (for explanations and messages).
    public func row(_ index: Int) -> [String: FeatureValue] {
        var row: [String: FeatureValue] = [:]
        for (spec, column) in zip(schema.features, columns) { row[spec.name] = column[index] }
        return row
    }
}
