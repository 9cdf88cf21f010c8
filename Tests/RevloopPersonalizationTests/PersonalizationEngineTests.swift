import Foundation
import RevloopCore
import RevloopPersonalization
import RevloopStore
import RevloopTesting
import Testing

@Suite("Personalization engine")
struct PersonalizationEngineTests {
    @Test func refusesUnknownSurfacesBadFieldsUnknownDecisionsAndDuplicates() async throws {
        let engine = try await EngineFixtures.engine()
        await #expect(throws: DecisionEngineError.unknownSurface("sidebar")) {
            try await engine.decide(DecisionRequest(visitorID: "v", surface: "sidebar"))
        }
        await #expect(throws: DecisionEngineError.invalidField(name: "limit", expected: "a whole number from 1 to 20"))
        {
            try await engine.decide(DecisionRequest(visitorID: "v", surface: "hero", limit: 0))
        }
        await #expect(
            throws: DecisionEngineError.invalidField(name: "visitor_id", expected: "an id of 1 to 256 characters")
        ) {
            try await engine.decide(DecisionRequest(visitorID: "", surface: "hero"))
        }
        await #expect(throws: DecisionEngineError.unknownDecision("d-none")) {
            try await engine.record(DecisionOutcome(decisionID: "d-none", reward: 1))
        }
        let decision = try await engine.decide(DecisionRequest(visitorID: "v", surface: "hero"))
        await #expect(throws: DecisionEngineError.invalidField(name: "reward", expected: "a number from 0 to 1")) {
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 2))
        }
        try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1))
        await #expect(throws: DecisionEngineError.duplicateOutcome(decisionID: decision.decisionID)) {
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1))
        }
        // The downstream reward for the same decision is another kind: it counts.
        try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1, kind: .downstream))
    }

    @Test func theSameSeedGivesTheSameDecisionsAndIDs() async throws {
        func run() async throws -> [Decision] {
            let engine = try await EngineFixtures.engine(seed: 99)
            var decisions: [Decision] = []
            for visitor in 0..<30 {
                let decision = try await engine.decide(
                    DecisionRequest(visitorID: "v\(visitor % 7)", surface: "hero", context: ["industry": "fintech"]))
                decisions.append(decision)
                try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: Double(visitor % 2)))
            }
            return decisions
        }
        let first = try await run()
        #expect(try await run() == first)
        #expect(Set(first.map(\.decisionID)).count == 30)
    }

    @Test func frequencyCapsLimitShowingsPerVisitorPerWindow() async throws {
        let inventory = ContentInventory(
            blocks: [
                ContentBlock(
                    id: "capped", surfaces: ["hero"], frequencyCap: FrequencyCap(impressions: 2, windowSeconds: 3_600)),
                ContentBlock(id: "always", surfaces: ["hero"]),
            ], features: EngineFixtures.features)
        var settings = PersonalizationSettings()
        settings.holdout = HoldoutAssignment(share: 0)
        let engine = try await EngineFixtures.engine(inventory: inventory, settings: settings)
        // Teach the model that "capped" wins, so only the cap keeps it away.
        var cappedShown = 0
        for visitor in 0..<40 {
            let decision = try await engine.decide(DecisionRequest(visitorID: "teach\(visitor)", surface: "hero"))
            try await engine.record(
                DecisionOutcome(decisionID: decision.decisionID, reward: decision.blocks[0].blockID == "capped" ? 1 : 0)
            )
        }
        for _ in 0..<10 {
            let decision = try await engine.decide(DecisionRequest(visitorID: "same", surface: "hero", limit: 1))
            if decision.blocks[0].blockID == "capped" { cappedShown += 1 }
        }
        #expect(cappedShown == 2)
    }

    /// A visitor the identity graph has never linked is ranked on the request's context alone.
    @Test func anAnonymousVisitorIsRankedOnContext() async throws {
        var settings = PersonalizationSettings()
        settings.holdout = HoldoutAssignment(share: 0)
        let engine = try await EngineFixtures.engine(settings: settings)
        for visitor in 0..<300 {
            let industry = visitor % 2 == 0 ? "fintech" : "retail"
            let decision = try await engine.decide(
                DecisionRequest(visitorID: "train\(visitor)", surface: "hero", context: ["industry": industry]))
            let shown = decision.blocks[0].blockID
            let clicked =
                (industry == "fintech" && shown == "fintech-case") || (industry == "retail" && shown == "webinar")
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: clicked ? 1 : 0))
        }
        let fintech = try await engine.decide(
            DecisionRequest(visitorID: "stranger-1", surface: "hero", context: ["industry": "fintech"]))
        let retail = try await engine.decide(
            DecisionRequest(visitorID: "stranger-2", surface: "hero", context: ["industry": "retail"]))
        #expect(fintech.blocks[0].blockID == "fintech-case")
        #expect(retail.blocks[0].blockID == "webinar")
        #expect(fintech.blocks[0].expectedReward > 0.5)
    }

    @Test func profileAttributesFillTheContextAndTheRequestWins() {
        let profile = VisitorProfile(
            visitorID: "v", personID: "p-1", attributes: ["industry": "fintech", "company_size": "1-50"], leadScore: 82)
        let context = profile.context(merging: ["industry": "software", "device": "mobile"])
        #expect(context["industry"] == "software")
        #expect(context["company_size"] == "1-50")
        #expect(context["lead_score_band"] == "high")
        #expect(context["identity"] == "known")
        #expect(VisitorProfile.anonymous("x").context(merging: [:]) == ["identity": "anonymous"])
    }

    /// A restart on the same SQLite store loses nothing: the reopened engine's model equals the one that
    /// kept running, whether it comes from a snapshot plus replay or from replay alone.
    @Test func aRestartOnTheStoreLosesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "engine-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("revloop.sqlite").path)
        var settings = PersonalizationSettings()
        settings.snapshotEvery = 25
        let engine = try await EngineFixtures.engine(log: store, seed: 1, settings: settings)
        var generator = SeededRandomNumberGenerator(seed: 8)
        var ids: Set<String> = []
        var late: [Decision] = []
        for visitor in 0..<120 {
            let decision = try await engine.decide(
                DecisionRequest(
                    visitorID: "v\(visitor)", surface: "hero", context: EngineFixtures.randomContext(using: &generator))
            )
            ids.insert(decision.decisionID)
            if visitor % 3 == 0 {
                late.append(decision)
            } else {
                try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1))
            }
        }
        // Rewards that arrive after later decisions, for decisions made before the last snapshot.
        for decision in late { try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 0.5)) }
        let (_, running, encoder) = await engine.currentModel()
        let reopened = try await EngineFixtures.engine(log: store, seed: 2, settings: settings)
        let (_, restored, _) = await reopened.currentModel()
        var replaySettings = settings
        replaySettings.priorPrecision = 1
        let fromScratch = try await PersonalizationEngine.open(
            inventory: EngineFixtures.inventory, log: LogWithoutSnapshot(store: store),
            profiles: InMemoryProfileSource(), clock: FixedWallClock(EngineFixtures.epoch), seed: 3,
            settings: replaySettings)
        let (_, replayed, _) = await fromScratch.currentModel()
        #expect(try await store.latestSnapshot() != nil)
        for _ in 0..<50 {
            let active = encoder.encode(EngineFixtures.randomContext(using: &generator))
            for block in 0..<running.blockCount {
                let expected = active.withUnsafeBufferPointer { running.mean(block: block, active: $0) }
                let afterRestart = active.withUnsafeBufferPointer { restored.mean(block: block, active: $0) }
                let afterReplay = active.withUnsafeBufferPointer { replayed.mean(block: block, active: $0) }
                #expect(abs(expected - afterRestart) < 1e-9)
                #expect(abs(expected - afterReplay) < 1e-9)
            }
        }
        #expect(restored.exposures == running.exposures)
        // The reopened engine continues the sequence: its ids are new, and old outcomes stay refused.
        let next = try await reopened.decide(DecisionRequest(visitorID: "after", surface: "hero"))
        #expect(!ids.contains(next.decisionID))
        await #expect(throws: DecisionEngineError.duplicateOutcome(decisionID: late[0].decisionID)) {
            try await reopened.record(DecisionOutcome(decisionID: late[0].decisionID, reward: 0.5))
        }
    }
}

/// The store's log with its snapshot hidden: forces a full replay.
struct LogWithoutSnapshot: PersonalizationLog {
    let store: SQLiteStore
    func append(_ decision: LoggedDecision) async throws { try await store.append(decision) }
    func append(_ outcome: LoggedOutcome) async throws -> Bool { try await store.append(outcome) }
    func decision(id: String) async throws -> LoggedDecision? { try await store.decision(id: id) }
    func lastSequence() async throws -> Int64 { try await store.lastSequence() }
    func decisions(after sequence: Int64, limit: Int) async throws -> [LoggedDecision] {
        try await store.decisions(after: sequence, limit: limit)
    }
    func outcomes(after sequence: Int64, limit: Int) async throws -> [LoggedOutcome] {
        try await store.outcomes(after: sequence, limit: limit)
    }
    func decisions(since time: Timestamp) async throws -> [LoggedDecision] { try await store.decisions(since: time) }
    func save(_ snapshot: ModelSnapshot) async throws {}
    func latestSnapshot() async throws -> ModelSnapshot? { nil }
}
