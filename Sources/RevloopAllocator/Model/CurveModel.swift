/// Which curve family the allocator fits.
public enum CurveModel: String, Hashable, Sendable, CaseIterable {
    /// revenue = e^a spend^b: diminishing returns, never saturating.
    case power
    /// revenue = V spend^h / (spend^h + K^h): saturating (Hill), with a grid posterior over (K, h).
    case hill
}
