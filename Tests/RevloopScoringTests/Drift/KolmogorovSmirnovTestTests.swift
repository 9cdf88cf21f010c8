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

@Suite struct ExactKolmogorovSmirnovTests {
    @Test func exactMatchesScipyOnUnequalTiedSamples() throws {
        // scipy.stats.ks_2samp(a, b, method='exact').pvalue = 0.16782134274394334.
        let a: [Double] = [1, 2, 2, 3, 3, 3, 4, 5, 6, 7]
        let b: [Double] = [2, 3, 5, 5, 6, 7, 8, 8, 9]
        let test = try #require(KolmogorovSmirnovTest(sortedReference: a, sortedCurrent: b, method: .exact))
        #expect(abs(test.pValue - 0.16782134274394334) < 1e-12)
        #expect(test.method == .exact)
    }

    @Test func exactMatchesScipyOnEqualSizes() throws {
        // Eight against eight, shifted by 3.5: D 0.375, exact p 0.6601398601398599.
        let a = (1...8).map(Double.init)
        let b = (0..<8).map { Double($0) + 3.5 }
        let test = try #require(KolmogorovSmirnovTest(sortedReference: a, sortedCurrent: b, method: .exact))
        #expect(test.statistic == 0.375)
        #expect(abs(test.pValue - 0.6601398601398599) < 1e-12)
    }

    @Test func automaticIsExactUpToTenThousandRows() throws {
        let small = try #require(
            KolmogorovSmirnovTest(sortedReference: [1, 2, 3], sortedCurrent: [2, 3, 4], method: .automatic))
        #expect(small.method == .exact)
        let large = try #require(
            KolmogorovSmirnovTest(
                sortedReference: (0..<10_001).map(Double.init), sortedCurrent: [1, 2, 3], method: .automatic))
        #expect(large.method == .asymptotic)
    }
}
