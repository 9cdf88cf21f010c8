public import PropertyBased
internal import RevloopCore

/// Runs a property over inputs drawn from a PropertyBased generator with a fixed seed, so a property
/// test sees the same inputs on every run and every machine (PropertyBased's own `fixedSeed` trait is
/// meant for debugging only and always records an issue).
public func forAll<Value, Shrinks: Sequence>(
    _ generator: Generator<Value, Shrinks>, count: Int = 500, seed: UInt64, _ body: (Value) throws -> Void
) rethrows {
    var random = FixedSeedGenerator(seed: seed)
    for _ in 0..<count { try body(generator.run(using: &random)) }
}

/// Revloop's seeded generator, presented as a PropertyBased seeded generator.
public struct FixedSeedGenerator: PropertyBased.SeededRandomNumberGenerator {
    private var base: RevloopCore.SeededRandomNumberGenerator

    public init(seed: UInt64) { base = RevloopCore.SeededRandomNumberGenerator(seed: seed) }

    public init?(seed: [UInt64]) {
        guard let base = RevloopCore.SeededRandomNumberGenerator(state: seed) else { return nil }
        self.base = base
    }

    public init() { self.init(seed: 0x5EED) }

    public var currentSeed: [UInt64] { base.state }

    public mutating func next() -> UInt64 { base.next() }
}
