/// One drawn response curve: expected revenue at a spend, and its slope there.
public protocol ResponseCurve: Sendable {
    func revenue(at spend: Double) -> Double
    /// Extra revenue per extra unit of spend at `spend`.
    func marginal(at spend: Double) -> Double
}
