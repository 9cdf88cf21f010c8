/// Turns a visitor's context into the policy's features: a bias and one indicator per declared
/// (feature, value), so a linear model per block learns a block's appeal to each industry, size, stage...
///
/// The vocabulary is declared in the inventory (`features:`), not learned, so the model's dimension is
/// fixed and a context value nobody declared adds nothing (instead of growing the model unboundedly).
public struct ContextEncoder: Hashable, Sendable {
    /// Declared features in a stable order, each with its values.
    public let features: [(name: String, values: [String])]
    /// Bias plus one column per declared (feature, value).
    public let dimension: Int
    private let columns: [String: [String: Int32]]

    public init(features: [(name: String, values: [String])]) {
        let sorted = features.sorted { $0.name < $1.name }
        self.features = sorted
        var columns: [String: [String: Int32]] = [:]
        var next: Int32 = 1
        for feature in sorted {
            var values: [String: Int32] = [:]
            for value in feature.values where values[value] == nil {
                values[value] = next
                next += 1
            }
            columns[feature.name] = values
        }
        self.columns = columns
        self.dimension = Int(next)
    }

    /// The active columns for `context`: column 0 (the bias) first, then one per known feature value.
    public func encode(_ context: [String: String]) -> [Int32] {
        var active: [Int32] = [0]
        active.reserveCapacity(features.count + 1)
        for feature in features {
            if let value = context[feature.name], let column = columns[feature.name]?[value] {
                active.append(column)
            }
        }
        return active
    }

    /// A fingerprint of the vocabulary: a model trained on another vocabulary is not reused.
    public var vocabularyKey: String {
        features.map { "\($0.name)=\($0.values.joined(separator: ","))" }.joined(separator: ";")
    }

    public static func == (lhs: ContextEncoder, rhs: ContextEncoder) -> Bool {
        lhs.vocabularyKey == rhs.vocabularyKey
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(vocabularyKey) }
}
