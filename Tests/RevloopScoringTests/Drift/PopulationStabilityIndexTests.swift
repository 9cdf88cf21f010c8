import Testing

@testable import RevloopScoring

@Suite struct PopulationStabilityIndexTests {
    @Test func sumsShareDifferencesTimesLogRatios() {
        // Shares 0.5 / 0.3 / 0.2 against 0.4 / 0.3 / 0.3 (numpy: 0.06286086594223739).
        let psi = PopulationStabilityIndex(
            labels: ["a", "b", "c"], referenceCounts: [50, 30, 20], currentCounts: [40, 30, 30])
        #expect(abs(psi.value - 0.06286086594223739) < 1e-15)
        #expect(psi.degreesOfFreedom == 2)
        #expect(psi.band == .stable)
    }

    @Test func emptyReferenceBinCountsAsOneInTenThousand() {
        // The current batch has 20% in a bin the reference never saw: 1.5640491119253044 with e = 1e-4.
        let psi = PopulationStabilityIndex(
            labels: ["a", "b", "new"], referenceCounts: [50, 50, 0], currentCounts: [40, 40, 20])
        #expect(abs(psi.value - 1.5640491119253044) < 1e-12)
        #expect(psi.bins[2].referenceShare == 1e-4)
        #expect(psi.band == .major)
    }

    @Test func binsEmptyOnBothSidesAddNoDegreesOfFreedom() {
        let psi = PopulationStabilityIndex(
            labels: ["a", "missing", "b"], referenceCounts: [60, 0, 40], currentCounts: [55, 0, 45])
        #expect(psi.degreesOfFreedom == 1)
        #expect(psi.bins.map(\.label) == ["a", "b"])
    }

    @Test func thresholdShrinksWithBatchSizeAsYurdakulGives() throws {
        // Ten equal bins: (1/n + 1/m) chi2_{0.95}(9) with chi2.isf(0.05, 9) = 16.91897760462045.
        let reference = [Int](repeating: 500, count: 10)
        let small = PopulationStabilityIndex(
            labels: (0..<10).map(String.init), referenceCounts: reference,
            currentCounts: [Int](repeating: 10, count: 10))
        let large = PopulationStabilityIndex(
            labels: (0..<10).map(String.init), referenceCounts: reference,
            currentCounts: [Int](repeating: 500, count: 10))
        let smallThreshold = try #require(small.criticalValue(alpha: 0.05))
        let largeThreshold = try #require(large.criticalValue(alpha: 0.05))
        #expect(abs(smallThreshold - (1.0 / 5000 + 1.0 / 100) * 16.91897760462045) < 1e-12)
        #expect(abs(largeThreshold - (1.0 / 5000 + 1.0 / 5000) * 16.91897760462045) < 1e-12)
        // A batch of 100 with PSI 0.12 is in the conventional 'moderate' band yet below its threshold 0.1726.
        #expect(smallThreshold > 0.17 && smallThreshold < 0.18)
    }

    @Test func pValueIsTheChiSquareTailOfTheScaledIndex() {
        let psi = PopulationStabilityIndex(
            labels: ["a", "b", "c", "d"], referenceCounts: [300, 300, 200, 200], currentCounts: [80, 60, 30, 30])
        let scaled = psi.value / (1.0 / 1000 + 1.0 / 200)
        #expect(abs(psi.pValue - ChiSquareDistribution.survival(scaled, degreesOfFreedom: 3)) < 1e-15)
        #expect(psi.pValue > 0 && psi.pValue < 1)
    }

    @Test func decileBinsOfContinuousValues() {
        let reference = ContinuousReference(values: (1...100).map { Double($0) })
        #expect(reference.cutPoints.count == 9)
        #expect(reference.binCounts == [Int](repeating: 10, count: 10))
        // The same values again: PSI 0.
        let same = PopulationStabilityIndex(reference: reference, current: (1...100).map { Double($0) })
        #expect(same.value == 0)
        // Everything above the reference's largest value lands in the top bin.
        let shifted = PopulationStabilityIndex(reference: reference, current: (1...100).map { Double($0 + 1000) })
        #expect(shifted.bins.last?.currentCount == 100)
    }

    @Test func tiesMergeASliverOfABinIntoItsNeighbour() {
        // 85% zeros, 14% ones, 1% twos: deciles give cut points 0 and 1, leaving a 1% top bin that a batch
        // would often miss; it merges into (0, 1].
        let values = [Double](repeating: 0, count: 85) + [Double](repeating: 1, count: 14) + [2]
        let reference = ContinuousReference(values: values)
        #expect(reference.cutPoints == [0])
        #expect(reference.binCounts == [85, 15])
    }

    @Test func missingValuesGetTheirOwnBin() {
        let reference = ContinuousReference(values: [1, 2, 3, 4, nil, 6, 7, 8, 9, 10])
        #expect(reference.missingCount == 1)
        let psi = PopulationStabilityIndex(reference: reference, current: [1, 2, nil, nil, nil, 6, 7, 8, 9, 10])
        let missing = psi.bins.first { $0.label == "missing" }
        #expect(missing?.referenceCount == 1)
        #expect(missing?.currentCount == 3)
    }

    @Test func categoriesTheReferenceNeverSawAreDrift() {
        let reference = CategoricalReference(values: ["saas", "saas", "retail", nil])
        let psi = PopulationStabilityIndex(reference: reference, current: ["saas", "edu", "edu", "retail"])
        #expect(psi.bins.map(\.label) == ["retail", "saas", "missing", "not in reference"])
        #expect(psi.bins.last?.currentCount == 2)
        #expect(psi.value > 1)
    }
}
