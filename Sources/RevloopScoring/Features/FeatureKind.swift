/// How a feature enters a model: a number is standardized (linear) or binned (trees); a category is one-hot.
public enum FeatureKind: String, Codable, Hashable, Sendable {
    case numeric
    case categorical
}
