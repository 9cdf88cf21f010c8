/// The chi-square distribution: its upper tail and its quantiles, written here so the drift thresholds
/// need no statistics library. Checked against scipy.stats.chi2 to 1e-9 (Scripts/conformance/drift.sh).
public enum ChiSquareDistribution {
    /// P(X > x) for X ~ chi-square with `degreesOfFreedom` (scipy's `chi2.sf`).
    public static func survival(_ x: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return IncompleteGamma.upper(degreesOfFreedom / 2, x / 2)
    }

    /// P(X <= x) (scipy's `chi2.cdf`).
    public static func cumulative(_ x: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return IncompleteGamma.lower(degreesOfFreedom / 2, x / 2)
    }

    /// The value exceeded with probability `upperTailProbability` (scipy's `chi2.isf(q, df)`, which is
    /// `chi2.ppf(1 - q, df)`): the critical value of a test at level `upperTailProbability`.
    public static func criticalValue(upperTailProbability: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return 2 * IncompleteGamma.inverseUpper(degreesOfFreedom / 2, upperTailProbability)
    }

    /// The `probability` quantile (scipy's `chi2.ppf`).
    public static func quantile(_ probability: Double, degreesOfFreedom: Double) -> Double {
        criticalValue(upperTailProbability: 1 - probability, degreesOfFreedom: degreesOfFreedom)
    }
}
