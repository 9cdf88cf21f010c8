internal import Foundation

/// One drawn Hill curve (expected revenue, the noise's mean already folded into the maximum).
struct HillResponse: ResponseCurve {
    var maximum: Double
    var halfSaturation: Double
    var shape: Double

    func revenue(at spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        return maximum / (1 + pow(halfSaturation / spend, shape))
    }

    func marginal(at spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        let ratio = pow(halfSaturation / spend, shape)
        return maximum * shape * ratio / (spend * (1 + ratio) * (1 + ratio))
    }
}
