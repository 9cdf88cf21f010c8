/// One channel's spend and attributed revenue in one period (revenue is whatever outcome the allocator
/// optimizes: revenue when it has matured, pipeline value before).
public struct PeriodOutcome: Hashable, Sendable {
    public var spend: Double
    public var revenue: Double

    public init(spend: Double, revenue: Double) {
        self.spend = spend
        self.revenue = revenue
    }
}
