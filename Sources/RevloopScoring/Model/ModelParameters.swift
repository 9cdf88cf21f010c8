/// The fitted parameters: exactly one of the two is set, matching the model's kind.
public struct ModelParameters: Codable, Hashable, Sendable {
    public var logistic: LogisticRegression?
    public var trees: TreeEnsemble?

    public init(logistic: LogisticRegression?, trees: TreeEnsemble?) {
        self.logistic = logistic
        self.trees = trees
    }
}
