import RevloopCore
import RevloopPersonalization

/// Inventories, contexts and engines for the personalization tests.
enum EngineFixtures {
    static let epoch = Timestamp(millisecondsSinceEpoch: 1_793_491_200_000)

    static let features: [String: [String]] = [
        "industry": ["software", "fintech", "health", "retail"],
        "company_size": ["1-50", "51-200", "201-1000", "1001+"],
        "funnel_stage": ["visitor", "lead", "opportunity", "customer"],
        "device": ["desktop", "mobile"],
    ]

    static let inventory = ContentInventory(
        blocks: [
            ContentBlock(id: "intro-guide", surfaces: ["hero", "footer"], contentType: .guide),
            ContentBlock(id: "fintech-case", surfaces: ["hero"], industries: ["fintech"], contentType: .caseStudy),
            ContentBlock(id: "pricing-sheet", surfaces: ["hero"], contentType: .pricing, gating: .gated),
            ContentBlock(id: "demo-offer", surfaces: ["hero"], contentType: .demo, audience: .prospects),
            ContentBlock(id: "admin-tips", surfaces: ["hero"], contentType: .article, audience: .customers),
            ContentBlock(id: "webinar", surfaces: ["hero", "footer"], contentType: .webinar),
        ], features: features)

    static func engine(
        inventory: ContentInventory = inventory, log: any PersonalizationLog = InMemoryPersonalizationLog(),
        profiles: [VisitorProfile] = [], clock: any WallClock = FixedWallClock(epoch), seed: UInt64 = 7,
        settings: PersonalizationSettings = PersonalizationSettings()
    ) async throws -> PersonalizationEngine {
        try await PersonalizationEngine.open(
            inventory: inventory, log: log, profiles: InMemoryProfileSource(profiles), clock: clock, seed: seed,
            settings: settings)
    }

    /// A random context over `features` (some features left out), drawn from `generator`.
    static func randomContext(using generator: inout some RandomNumberGenerator) -> [String: String] {
        var context: [String: String] = [:]
        for (name, values) in features.sorted(by: { $0.key < $1.key }) where Bool.random(using: &generator) {
            context[name] = values.randomElement(using: &generator)
        }
        return context
    }
}
