internal import Foundation

/// One response curve: expected revenue exp(a + sigma^2/2) * spend^b.
public struct CurveParameters: Hashable, Sendable {
    public var intercept: Double
    public var elasticity: Double
    public var noiseVariance: Double

    public init(intercept: Double, elasticity: Double, noiseVariance: Double) {
        self.intercept = intercept
        self.elasticity = elasticity
        self.noiseVariance = noiseVariance
    }

    /// Expected revenue at `spend`.
    public func revenue(at spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        return exp(intercept + noiseVariance / 2 + elasticity * log(spend))
    }
}

extension CurveParameters: ResponseCurve {
    public func marginal(at spend: Double) -> Double {
        spend > 0 ? elasticity * revenue(at: spend) / spend : 0
    }
}
