import RevloopServe
import RevloopTesting
import Testing

@Suite struct DecisionEngineConformanceTests {
    /// The in-memory twin; the real engine's tests run the same checks.
    static let twin = DecisionEngineConformanceSubject(surface: "homepage_hero", eligibleBlocks: 5) {
        InMemoryDecisionEngine()
    }

    @Test(arguments: DecisionEngineConformance.allCases)
    func theInMemoryEngineConforms(check: DecisionEngineConformance) async throws {
        try await check.run(on: Self.twin)
    }
}
