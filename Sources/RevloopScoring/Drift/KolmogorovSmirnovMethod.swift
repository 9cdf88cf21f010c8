/// How the two-sample KS p-value is computed, with scipy.stats.ks_2samp's method names.
public enum KolmogorovSmirnovMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// kstwo.sf(D, round(n m / (n + m))): the finite-sample one-sample Kolmogorov distribution at the
    /// effective sample size (scipy's 'asymp'). Fast at any size; the default.
    case asymptotic = "asymp"
    /// The exact permutation distribution of D under no difference, by lattice-path counting (Hodges
    /// 1958, in the numerically stable form of Viehmann 2021), as scipy's 'exact'; falls back to
    /// 'asymp' when lcm(n, m) is too large to count.
    case exact
    /// Exact when neither sample exceeds 10,000 rows, else asymptotic (scipy's 'auto').
    case automatic = "auto"
}
