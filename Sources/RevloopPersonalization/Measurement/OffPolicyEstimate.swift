/// Off-policy estimates of a candidate policy's value from logs (learning.md 6.4), with bootstrap
/// intervals when asked for.
public struct OffPolicyEstimate: Hashable, Sendable, Codable {
    public struct Interval: Hashable, Sendable, Codable {
        public var lower: Double
        public var upper: Double
    }

    public var rounds: Int
    /// (1/n) Σ w r.
    public var ips: Double
    /// Σ w r / Σ w.
    public var snips: Double
    /// (1/n) Σ Σ_a π q̂.
    public var directMethod: Double
    /// DM + (1/n) Σ w (r − q̂(x, a_i)).
    public var doublyRobust: Double
    /// (Σ w)² / Σ w²: how many logged rounds the estimate is really worth.
    public var effectiveSampleSize: Double
    public var ipsInterval: Interval?
    public var snipsInterval: Interval?
    public var doublyRobustInterval: Interval?
}
