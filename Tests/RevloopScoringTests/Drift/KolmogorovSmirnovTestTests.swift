import Testing

@testable import RevloopScoring

@Suite struct KolmogorovSmirnovTestTests {
    @Test func matchesScipyOnTiedSamples() throws {
        // scipy.stats.ks_2samp(a, b, method='asymp'): D 0.47777777777777775, p 0.14449829124963998.
        let a: [Double] = [1, 2, 2, 3, 3, 3, 4, 5, 6, 7]
        let b: [Double] = [2, 3, 5, 5, 6, 7, 8, 8, 9]
        let test = try #require(KolmogorovSmirnovTest(sortedReference: a, sortedCurrent: b))
        #expect(abs(test.statistic - 0.47777777777777775) < 1e-15)
        #expect(abs(test.pValue - 0.14449829124963998) < 1e-9)
    }

    @Test func identicalSamplesHaveNoDistance() throws {
        let values = (0..<200).map { Double($0) }
        let test = try #require(KolmogorovSmirnovTest(sortedReference: values, sortedCurrent: values))
        #expect(test.statistic == 0)
        #expect(test.pValue == 1)
    }

    @Test func disjointSamplesAreAsFarApartAsCanBe() throws {
        let low = (0..<300).map { Double($0) }
        let high = (0..<300).map { Double($0 + 1000) }
        let test = try #require(KolmogorovSmirnovTest(sortedReference: low, sortedCurrent: high))
        #expect(test.statistic == 1)
        #expect(test.pValue == 0)
    }

    @Test func anEmptySampleIsNoTest() {
        #expect(KolmogorovSmirnovTest(sortedReference: [], sortedCurrent: [1]) == nil)
    }
}
