/// A rule on one context feature: `eligible_when` (the visitor's value must be one of `values`) or
/// `excluded_when` (it must not be). A visitor whose value is unknown passes an `excluded_when` rule and
/// fails an `eligible_when` rule: a block meant only for fintech is not shown on a guess.
public struct EligibilityRule: Hashable, Sendable, Codable {
    public var feature: String
    public var values: Set<String>
    public var isExclusion: Bool

    public init(feature: String, values: Set<String>, isExclusion: Bool) {
        self.feature = feature
        self.values = values
        self.isExclusion = isExclusion
    }

    public func allows(_ context: [String: String]) -> Bool {
        guard let value = context[feature] else { return isExclusion }
        return values.contains(value) != isExclusion
    }
}
