/// The ordered inputs a model was trained on. A model reads exactly these names from a row; other keys are
/// ignored, and an absent key is a missing value.
public struct FeatureSchema: Codable, Hashable, Sendable {
    public var features: [FeatureSpec]

    public init(features: [FeatureSpec]) {
        self.features = features
    }

    /// Every key seen in `rows`, sorted by name: categorical when any row holds a category for it, numeric
    /// otherwise (a column of only missing values is numeric).
    public static func inferred(from rows: [[String: FeatureValue]]) -> FeatureSchema {
        var kinds: [String: FeatureKind] = [:]
        for row in rows {
            for (name, value) in row {
                if case .category = value {
                    kinds[name] = .categorical
                } else if kinds[name] == nil {
                    kinds[name] = .numeric
                }
            }
        }
        return FeatureSchema(features: kinds.keys.sorted().map { FeatureSpec(name: $0, kind: kinds[$0] ?? .numeric) })
    }
}
