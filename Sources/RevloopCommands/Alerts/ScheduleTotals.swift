internal import RevloopCore
public import RevloopDestinations

/// What a scheduler has done since it started: counters across its cycles and the state of its lease,
/// for the metrics it serves (a single cycle's figures are gauges; these only grow).
public struct ScheduleTotals: Hashable, Sendable {
    /// Each destination's deliveries summed over every cycle this process ran.
    public var byDestination: [String: DeliverySummary] = [:]
    /// Cycles by how they ended: `succeeded`, `attention` (something rejected or stopped), `failed`.
    public var cycles: [String: Int] = [:]
    /// Whether this process holds the lease now.
    public var leaseHeld = false
    /// Times this process took the lease from another holder whose lease had run out.
    public var takeovers = 0
    /// Cycles cut short because the lease was lost while they ran.
    public var leaseLost = 0

    public init() {}

    public mutating func add(_ deliveries: [DestinationDelivery]) {
        for delivery in deliveries {
            byDestination[delivery.destination, default: DeliverySummary(platform: delivery.summary.platform)]
                .merge(delivery.summary)
        }
        cycles[deliveries.contains { $0.summary.needsAttention } ? "attention" : "succeeded", default: 0] += 1
    }
}
