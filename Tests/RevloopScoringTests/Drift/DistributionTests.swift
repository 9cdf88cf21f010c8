import Testing

@testable import RevloopScoring

/// The chi-square and Kolmogorov distributions against values printed by scipy 1.17.1
/// (`chi2.isf(alpha, df)`, `kstwo.sf(d, n)`); Scripts/conformance/drift.sh checks many more.
@Suite struct DistributionTests {
    @Test(arguments: [
        (0.05, 1.0, 3.8414588206941285),
        (0.05, 9.0, 16.91897760462045),
        (0.0005882352941176471, 9.0, 29.24904012592286),
        (0.01, 2.0, 9.210340371976182),
        (1e-06, 19.0, 63.677052285677995),
        (0.5, 4.0, 3.3566939800333224),
        (0.95, 3.0, 0.35184631774927166),
        (0.05, 100.0, 124.34211340400408),
        (0.9999, 1.0, 1.5707963350192225e-08),
    ])
    func chiSquareCriticalValueMatchesScipy(alpha: Double, degrees: Double, expected: Double) {
        let value = ChiSquareDistribution.criticalValue(upperTailProbability: alpha, degreesOfFreedom: degrees)
        #expect(abs(value - expected) <= 1e-9 * max(1, expected), "chi2.isf(\(alpha), \(degrees))")
        let back = ChiSquareDistribution.survival(value, degreesOfFreedom: degrees)
        #expect(abs(back - alpha) <= 1e-12 * max(1, alpha))
    }

    @Test(arguments: [
        (0.05, 500, 0.15866260223815387),
        (0.1, 100, 0.2526927570063874),
        (0.3, 50, 0.00017353260202718738),
        (0.02, 100000, 3.5372711931479597e-35),
        (0.6, 20, 2.0483011649719853e-07),
        (0.2, 140, 2.1981563302200222e-05),
        (0.03, 776, 0.4781421529761227),
        (0.11, 776, 1.2406247138803365e-08),
        (0.15, 10, 0.95396527),
        (0.01, 300000, 1.737424354497595e-26),
        (0.004, 200000, 0.003314212822560255),
    ])
    func kolmogorovSurvivalMatchesScipy(statistic: Double, size: Int, expected: Double) {
        let value = KolmogorovDistribution.survival(statistic, sampleSize: size)
        #expect(abs(value - expected) <= 1e-9, "kstwo.sf(\(statistic), \(size)) = \(value)")
        #expect(abs(value - expected) <= 1e-7 * expected, "relative, kstwo.sf(\(statistic), \(size)) = \(value)")
    }
}
