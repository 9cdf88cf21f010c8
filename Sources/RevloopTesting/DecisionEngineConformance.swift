internal import RevloopPersonalization
public import Testing

/// The behaviour every `DecisionEngine` must have, so `revloop serve` can sit on the real engine or on its
/// in-memory twin alike. Field names in `invalidField` are the API's JSON names (`visitor_id`, `limit`,
/// `reward`, `block_id`), because the server passes them to the client as they are.
public enum DecisionEngineConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case aDecisionRanksDistinctBlocksUpToTheLimit
    case decisionIDsAreUniqueUnderConcurrency
    case theHoldoutIsDeterministicPerVisitorWithPropensityOneOverK
    case anUnknownSurfaceIsRefused
    case aLimitOutOfRangeIsRefused
    case anEmptyVisitorIsRefused
    case anOutcomeForAnUnknownDecisionIsRefused
    case aRewardOutsideZeroToOneIsRefused
    case anOutcomeForABlockNotShownIsRefused
    case anOutcomeCountsOnce

    public var testDescription: String { rawValue }

    /// Runs this check against a fresh engine from `subject`.
    public func run(on subject: DecisionEngineConformanceSubject) async throws {
        let engine = try await subject.makeEngine()
        let surface = subject.surface
        func request(_ visitor: String, limit: Int = 3) -> DecisionRequest {
            DecisionRequest(visitorID: visitor, surface: surface, context: [:], limit: limit)
        }
        /// The engine's refusal, or nil when it accepted (any other error fails the check).
        func refusal(_ body: () async throws -> Void) async -> DecisionEngineError? {
            do {
                try await body()
                return nil
            } catch let error as DecisionEngineError {
                return error
            } catch {
                Issue.record("not a DecisionEngineError: \(error)")
                return nil
            }
        }
        func isInvalidField(_ error: DecisionEngineError?, _ field: String) -> Bool {
            if case .invalidField(let name, let expected) = error { return name == field && !expected.isEmpty }
            return false
        }
        switch self {
        case .aDecisionRanksDistinctBlocksUpToTheLimit:
            for limit in [1, 3, 20] {
                let decision = try await engine.decide(request("visitor-rank", limit: limit))
                #expect(decision.blocks.count == min(limit, subject.eligibleBlocks))
                #expect(Set(decision.blocks.map(\.blockID)).count == decision.blocks.count)
                #expect(decision.visitorID == "visitor-rank")
                #expect(!decision.decisionID.isEmpty)
                #expect(!decision.policyVersion.isEmpty)
                #expect(decision.propensity > 0 && decision.propensity <= 1)
                #expect(decision.blocks.allSatisfy { (0...1).contains($0.expectedReward) })
            }

        case .decisionIDsAreUniqueUnderConcurrency:
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<200 {
                    group.addTask { try await engine.decide(request("visitor-\(index % 37)")).decisionID }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(ids.count == 200)
            #expect(Set(ids).count == 200)

        case .theHoldoutIsDeterministicPerVisitorWithPropensityOneOverK:
            var held = 0
            for index in 0..<400 {
                let visitor = "holdout-visitor-\(index)"
                let first = try await engine.decide(request(visitor))
                let second = try await engine.decide(request(visitor))
                #expect(first.isHoldout == second.isHoldout, "visitor \(visitor) moved in or out of the holdout")
                if first.isHoldout {
                    held += 1
                    #expect(abs(first.propensity - 1 / Double(subject.eligibleBlocks)) < 1e-12)
                }
            }
            // A holdout share between 1% and 50% of 400 visitors; 0 or all would mean no holdout at all.
            #expect(held >= 4 && held <= 200, "\(held) of 400 visitors in the holdout")

        case .anUnknownSurfaceIsRefused:
            let error = await refusal {
                _ = try await engine.decide(
                    DecisionRequest(visitorID: "visitor-1", surface: subject.unknownSurface, context: [:], limit: 3))
            }
            #expect(error == .unknownSurface(subject.unknownSurface))

        case .aLimitOutOfRangeIsRefused:
            for limit in [0, -1, 21] {
                let error = await refusal { _ = try await engine.decide(request("visitor-1", limit: limit)) }
                #expect(isInvalidField(error, "limit"), "limit \(limit): \(String(describing: error))")
            }

        case .anEmptyVisitorIsRefused:
            let error = await refusal { _ = try await engine.decide(request("")) }
            #expect(isInvalidField(error, "visitor_id"), "\(String(describing: error))")

        case .anOutcomeForAnUnknownDecisionIsRefused:
            let error = await refusal {
                try await engine.record(DecisionOutcome(decisionID: "never-decided", reward: 1))
            }
            #expect(error == .unknownDecision("never-decided"))

        case .aRewardOutsideZeroToOneIsRefused:
            let decision = try await engine.decide(request("visitor-reward"))
            for reward in [-0.1, 1.5, Double.nan, Double.infinity] {
                let error = await refusal {
                    try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: reward))
                }
                #expect(isInvalidField(error, "reward"), "reward \(reward): \(String(describing: error))")
            }
            // The refusals recorded nothing: the first valid reward is still accepted.
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 1))

        case .anOutcomeForABlockNotShownIsRefused:
            let decision = try await engine.decide(request("visitor-block", limit: 1))
            let error = await refusal {
                try await engine.record(
                    DecisionOutcome(decisionID: decision.decisionID, blockID: "block-never-shown", reward: 1))
            }
            #expect(isInvalidField(error, "block_id"), "\(String(describing: error))")

        case .anOutcomeCountsOnce:
            let decision = try await engine.decide(request("visitor-once"))
            let block = try #require(decision.blocks.first).blockID
            try await engine.record(DecisionOutcome(decisionID: decision.decisionID, blockID: block, reward: 1))
            // Naming the first block explicitly or by omission is the same outcome.
            let again = await refusal {
                try await engine.record(DecisionOutcome(decisionID: decision.decisionID, reward: 0.5))
            }
            #expect(again == .duplicateOutcome(decisionID: decision.decisionID))
            // The downstream action the block was meant to drive is a different outcome of the same decision.
            try await engine.record(
                DecisionOutcome(decisionID: decision.decisionID, blockID: block, reward: 1, kind: .downstream))
        }
    }
}
