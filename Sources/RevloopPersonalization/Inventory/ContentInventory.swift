/// Every block the engine may rank, and the context vocabulary the policy learns from.
///
/// Block order is the file order; it is also the fixed default ranking a do-not-personalize visitor gets.
public struct ContentInventory: Hashable, Sendable {
    public var blocks: [ContentBlock]
    /// Context features (`industry`, `company_size`, ...) and their values, as declared under `features:`.
    public var features: [String: [String]]

    public init(blocks: [ContentBlock], features: [String: [String]]) {
        self.blocks = blocks
        self.features = features
    }

    /// Every surface some block fits.
    public var surfaces: Set<String> { Set(blocks.flatMap(\.surfaces)) }

    public var encoder: ContextEncoder {
        ContextEncoder(features: features.map { (name: $0.key, values: $0.value) })
    }
}
