/// How features become matrix columns for one model family.
public enum EncodingStyle: String, Codable, Hashable, Sendable {
    /// Standardized numbers, one-hot categories, and a missing indicator for every feature that was missing
    /// in training (a missing number also encodes as 0, the mean). For logistic regression.
    case linear
    /// Raw numbers and one-hot categories; a missing value is NaN, routed by each split's learned default
    /// direction. For gradient-boosted trees.
    case tree
}
