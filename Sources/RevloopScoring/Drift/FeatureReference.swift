/// How one input feature looked in the reference population (the scored training or validation set).
public struct FeatureReference: Sendable, Hashable, Codable {
    /// The column name.
    public let name: String
    public let distribution: Distribution

    /// Numeric features get quantile bins and a KS test; categorical ones get one bin per category.
    public enum Distribution: Sendable, Hashable, Codable {
        case continuous(ContinuousReference)
        case categorical(CategoricalReference)
    }

    /// A column is categorical when any of its values is a category; otherwise numeric.
    public init(column: FeatureColumn, binCount: Int = 10) {
        name = column.name
        let isCategorical = column.values.contains { if case .category = $0 { true } else { false } }
        if isCategorical {
            distribution = .categorical(CategoricalReference(values: column.values.map(Self.categoryText)))
        } else {
            distribution = .continuous(ContinuousReference(values: column.values.map(Self.number), binCount: binCount))
        }
    }

    public init(name: String, distribution: Distribution) {
        self.name = name
        self.distribution = distribution
    }

    static func number(_ value: FeatureValue) -> Double? {
        if case .number(let number) = value, number.isFinite { return number }
        return nil
    }

    static func categoryText(_ value: FeatureValue) -> String? {
        switch value {
        case .category(let text): text
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .missing: nil
        }
    }
}
