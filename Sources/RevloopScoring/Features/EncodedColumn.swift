/// One column of the numeric matrix a model sees, and the feature it came from.
public struct EncodedColumn: Codable, Hashable, Sendable {
    /// What the column holds.
    public enum Role: String, Codable, Hashable, Sendable {
        /// (x - mean) / scale; a missing value encodes as 0 (the training mean).
        case standardized
        /// The number itself; a missing value encodes as NaN, which a tree routes by its learned default.
        case raw
        /// 1 when the feature equals `category`, else 0 (an unseen category is 0 in every column).
        case oneHot
        /// 1 when the feature is missing, else 0.
        case missingIndicator
    }

    /// Index of the source feature in the schema.
    public var feature: Int
    public var role: Role
    public var mean: Double
    public var scale: Double
    public var category: String?

    public init(feature: Int, role: Role, mean: Double = 0, scale: Double = 1, category: String? = nil) {
        self.feature = feature
        self.role = role
        self.mean = mean
        self.scale = scale
        self.category = category
    }
}
