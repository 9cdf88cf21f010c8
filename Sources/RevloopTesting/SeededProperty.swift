public import PropertyBased

/// Runs a property over inputs drawn from a PropertyBased generator with a fixed seed, so a property
/// test sees the same inputs on every run and every machine (PropertyBased's own `fixedSeed` trait is
/// meant for debugging only and always records an issue).
public func forAll<Value, Shrinks: Sequence>(
    _ generator: Generator<Value, Shrinks>, count: Int = 500, seed: UInt64, _ body: (Value) throws -> Void
) rethrows {
    var random = FixedSeedGenerator(seed: seed)
    for _ in 0..<count { try body(generator.run(using: &random)) }
}

/// xoshiro256** as a PropertyBased seeded generator.
public struct FixedSeedGenerator: PropertyBased.SeededRandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        (s0, s1, s2, s3) = (next(), next(), next(), next())
    }

    public init?(seed: [UInt64]) {
        guard seed.count == 4, seed.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (seed[0], seed[1], seed[2], seed[3])
    }

    public init() { self.init(seed: 0x5EED) }

    public var currentSeed: [UInt64] { [s0, s1, s2, s3] }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
}
