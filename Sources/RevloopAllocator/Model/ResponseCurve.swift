/// One drawn response curve: expected revenue at a spend, and its slope there.
public protocol ResponseCurve: Sendable {
    func revenue(at spend: Double) -> Double
    /// Extra revenue per extra unit of spend at `spend`.
    func marginal(at spend: Double) -> Double
}

/// A channel's posterior over response curves.
public protocol ResponsePosterior: Sendable {
    func drawCurve(_ random: inout some RandomNumberGenerator) -> any ResponseCurve
}

extension CurveParameters: ResponseCurve {
    public func marginal(at spend: Double) -> Double {
        spend > 0 ? elasticity * revenue(at: spend) / spend : 0
    }
}

extension CurvePosterior: ResponsePosterior {
    public func drawCurve(_ random: inout some RandomNumberGenerator) -> any ResponseCurve { draw(&random) }
}

/// Which curve family the allocator fits.
public enum CurveModel: String, Hashable, Sendable, CaseIterable {
    /// revenue = e^a spend^b: diminishing returns, never saturating.
    case power
    /// revenue = V spend^h / (spend^h + K^h): saturating (Hill), with a grid posterior over (K, h).
    case hill
}
