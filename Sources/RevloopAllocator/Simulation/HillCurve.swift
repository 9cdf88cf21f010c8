internal import Foundation

/// A saturating response curve, revenue = V s^h / (s^h + K^h) per period (spend s in currency units).
public struct HillCurve: Hashable, Sendable {
    public var maximum: Double
    public var halfSaturation: Double
    public var shape: Double

    public init(maximum: Double, halfSaturation: Double, shape: Double) {
        self.maximum = maximum
        self.halfSaturation = halfSaturation
        self.shape = shape
    }

    public func revenue(at spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        let power = pow(spend, shape)
        return maximum * power / (power + pow(halfSaturation, shape))
    }
}
