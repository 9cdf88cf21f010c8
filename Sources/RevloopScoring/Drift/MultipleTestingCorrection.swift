/// How the alarms of one family of tests (every feature's PSI, say) share the level alpha.
public enum MultipleTestingCorrection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each of d tests at alpha / d: the chance of any false alarm in the family stays at or under alpha.
    case bonferroni
    /// Benjamini-Hochberg: the expected share of false alarms among the alarms stays at or under alpha;
    /// more alarms fire when many features truly drift.
    case benjaminiHochberg = "benjamini-hochberg"

    /// The p-value at or under which a test in the family alarms, given every p-value of the family.
    /// Bonferroni: alpha / d. Benjamini-Hochberg: k alpha / d for the largest k with p_(k) <= k alpha / d,
    /// or alpha / d when no test passes (the level the first test would have needed).
    public func level(alpha: Double, pValues: [Double]) -> Double {
        let count = pValues.count
        guard count > 0 else { return alpha }
        let single = alpha / Double(count)
        switch self {
        case .bonferroni:
            return single
        case .benjaminiHochberg:
            let sorted = pValues.sorted()
            var level = single
            for (index, p) in sorted.enumerated() where p <= Double(index + 1) * single {
                level = Double(index + 1) * single
            }
            return level
        }
    }
}
