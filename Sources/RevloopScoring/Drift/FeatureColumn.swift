/// One named column of feature values, one entry per row (deal or lead), in row order.
public struct FeatureColumn: Sendable, Hashable {
    public let name: String
    public let values: [FeatureValue]

    public init(name: String, values: [FeatureValue]) {
        self.name = name
        self.values = values
    }
}
