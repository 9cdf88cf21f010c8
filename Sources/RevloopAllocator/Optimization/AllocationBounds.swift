/// Per-channel spend bounds for one decision, in minor units, from the constraints a user sets.
public struct AllocationBounds: Hashable, Sendable {
    /// Why a set of bounds cannot be met.
    public struct Infeasible: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var ranges: [ClosedRange<Int64>]

    /// Bounds from shares of the budget (`minimumShare`...`maximumShare` per channel), an exploration
    /// floor share, and a limit on the change from the previous split (a fraction of each channel's previous
    /// spend), all intersected; a pinned channel spends exactly its amount. Throws naming the channels whose bounds conflict with the budget.
    public init(
        budget: Int64, names: [String], minimumShare: [Double], maximumShare: [Double], explorationFloor: Double = 0,
        previous: [Int64]? = nil, maximumChange: Double? = nil, pinned: [Int64?]? = nil
    ) throws(Infeasible) {
        var ranges: [ClosedRange<Int64>] = []
        for index in names.indices {
            if let amount = pinned?[index] {
                // A pinned channel spends exactly its amount, whatever else is set.
                ranges.append(amount...amount)
                continue
            }
            var low = Int64((Double(budget) * max(minimumShare[index], explorationFloor)).rounded(.up))
            var high = Int64((Double(budget) * maximumShare[index]).rounded(.down))
            if let previous, let maximumChange, index < previous.count {
                low = max(low, Int64((Double(previous[index]) * (1 - maximumChange)).rounded(.up)))
                high = min(high, Int64((Double(previous[index]) * (1 + maximumChange)).rounded(.down)))
            }
            guard low <= high else {
                throw Infeasible(
                    description:
                        "\(names[index]): its minimum (\(low)) is above its maximum (\(high)) once the share bounds, the exploration floor and the change limit are combined"
                )
            }
            ranges.append(low...high)
        }
        let lowest = ranges.reduce(0) { $0 + $1.lowerBound }
        let highest = ranges.reduce(0) { $0 + $1.upperBound }
        guard lowest <= budget else {
            throw Infeasible(
                description:
                    "the minimums of \(names.joined(separator: ", ")) add up to \(lowest), more than the budget \(budget)"
            )
        }
        guard highest >= budget else {
            throw Infeasible(
                description:
                    "the maximums of \(names.joined(separator: ", ")) add up to \(highest), less than the budget \(budget)"
            )
        }
        self.ranges = ranges
    }
}
