import Testing

@testable import RevloopScoring

@Suite struct MultipleTestingCorrectionTests {
    @Test func bonferroniSplitsAlphaEvenly() {
        #expect(MultipleTestingCorrection.bonferroni.level(alpha: 0.05, pValues: [0.2, 0.001, 0.5, 0.9]) == 0.0125)
    }

    @Test func benjaminiHochbergRaisesTheLevelWithEachDiscovery() {
        // Sorted p: 0.001 <= 0.0125, 0.02 <= 0.025, 0.03 <= 0.0375, 0.5 > 0.05: three discoveries, level 0.0375.
        let level = MultipleTestingCorrection.benjaminiHochberg.level(alpha: 0.05, pValues: [0.5, 0.03, 0.001, 0.02])
        #expect(abs(level - 0.0375) < 1e-15)
    }

    @Test func benjaminiHochbergWithNoDiscoveryKeepsTheFirstLevel() {
        let level = MultipleTestingCorrection.benjaminiHochberg.level(alpha: 0.05, pValues: [0.5, 0.3])
        #expect(level == 0.025)
    }
}
