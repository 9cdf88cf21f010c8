/// A categorical feature as the reference population had it: rows per category and missing rows.
public struct CategoricalReference: Sendable, Hashable, Codable {
    /// Rows per category.
    public let categoryCounts: [String: Int]
    public let missingCount: Int

    public init(values: [String?]) {
        var counts: [String: Int] = [:]
        var missing = 0
        for value in values {
            if let value { counts[value, default: 0] += 1 } else { missing += 1 }
        }
        categoryCounts = counts
        missingCount = missing
    }

    /// All reference rows, missing ones included.
    public var size: Int { categoryCounts.values.reduce(0, +) + missingCount }

    /// The categories in a fixed order (by name), which is the order of the PSI bins.
    public var categories: [String] { categoryCounts.keys.sorted() }
}
