import RevloopCore
import Testing

@Suite struct SeededRandomNumberGeneratorTests {
    @Test func theSameSeedGivesTheSameSequenceAndAnotherSeedDoesNot() {
        var first = SeededRandomNumberGenerator(seed: 7)
        var second = SeededRandomNumberGenerator(seed: 7)
        var other = SeededRandomNumberGenerator(seed: 8)
        let a = (0..<5).map { _ in first.next() }
        #expect(a == (0..<5).map { _ in second.next() })
        #expect(a != (0..<5).map { _ in other.next() })
    }

    @Test func aGeneratorResumesFromItsState() throws {
        var original = SeededRandomNumberGenerator(seed: 99)
        _ = original.next()
        var resumed = try #require(SeededRandomNumberGenerator(state: original.state))
        #expect((0..<5).map { _ in original.next() } == (0..<5).map { _ in resumed.next() })
        #expect(SeededRandomNumberGenerator(state: [0, 0, 0, 0]) == nil)
    }
}
