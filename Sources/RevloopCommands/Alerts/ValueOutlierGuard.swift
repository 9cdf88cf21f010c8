public import RevloopCore

/// The shutdown on implausible values: a goal whose planned values jump far above what it sent before is
/// held back and alerted on instead of teaching a bidder that one deal was worth a thousand.
///
/// The usual cause is an amount typed in the wrong unit or currency in the CRM. The median of the values
/// the platform already holds for the goal is the yardstick (robust to the odd large deal); a goal with too
/// little history is not judged. Values in another currency than the history's are not compared.
public enum ValueOutlierGuard {
    /// One goal's values past the limit.
    public struct Outlier: Hashable, Sendable {
        public var goal: String
        /// Operations above the limit, and the largest value among them.
        public var count: Int
        public var largest: Money
        public var median: Money
        public var multiple: Double
    }

    /// Goals need at least this many delivered values before they are judged.
    public static let minimumHistory = 20

    /// The goals among `operations` with a value above `multiple` times the median of their delivered values.
    public static func outliers(
        in operations: [PlannedOperation], ledger: [DedupKey: LedgerEntry], multiple: Double
    ) -> [Outlier] {
        // Each goal's median in each currency, from the values the platform holds, worked out once.
        var history: [String: [Money]] = [:]
        for entry in ledger.values where entry.state.isDelivered && entry.value.minorUnits > 0 {
            history[entry.goal, default: []].append(entry.value)
        }
        var medians: [String: [CurrencyCode: Money]] = [:]
        for (goal, values) in history where values.count >= minimumHistory {
            for currency in Set(values.map(\.currency)) {
                medians[goal, default: [:]][currency] = median(of: values, in: currency)
            }
        }
        var found: [String: Outlier] = [:]
        for operation in operations {
            // New values only: uploads and restatements (a retraction sends zero).
            if case .retract = operation.action { continue }
            guard let value = operation.event?.value, let median = medians[operation.goal]?[value.currency],
                Double(value.minorUnits) > multiple * Double(median.minorUnits)
            else { continue }
            var outlier =
                found[operation.goal]
                ?? Outlier(goal: operation.goal, count: 0, largest: value, median: median, multiple: multiple)
            outlier.count += 1
            if value.minorUnits > outlier.largest.minorUnits { outlier.largest = value }
            found[operation.goal] = outlier
        }
        return found.values.sorted { $0.goal < $1.goal }
    }

    /// The median of the values in `currency` (the lower middle of an even count), if there are enough.
    static func median(of values: [Money], in currency: CurrencyCode) -> Money? {
        let sorted = values.filter { $0.currency == currency }.map(\.minorUnits).sorted()
        guard sorted.count >= minimumHistory else { return nil }
        return Money(minorUnits: sorted[(sorted.count - 1) / 2], currency: currency)
    }
}
