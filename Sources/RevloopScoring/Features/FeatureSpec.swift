/// One named input of a model and how it is encoded.
public struct FeatureSpec: Codable, Hashable, Sendable {
    public var name: String
    public var kind: FeatureKind

    public init(name: String, kind: FeatureKind) {
        self.name = name
        self.kind = kind
    }
}
