internal import Foundation

/// Standard normal draws from any seeded generator (Box–Muller, the second draw of each pair kept), so
/// a policy's exploration replays exactly from its seed.
struct NormalSampler: Sendable {
    private var spare: Double?

    mutating func next(using generator: inout some RandomNumberGenerator) -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        // 53 random bits in (0, 1]: never log(0).
        let u1 = Double((generator.next() >> 11) + 1) * 0x1p-53
        let u2 = Double(generator.next() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}
