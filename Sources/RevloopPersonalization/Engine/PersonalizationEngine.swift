internal import Foundation
public import RevloopCore
internal import RevloopIdentity

/// The real `DecisionEngine`: inventory, guardrails, eligibility and frequency caps, the deterministic
/// holdout, linear Thompson sampling, and the decision log (with its propensities) that both the model
/// and off-policy evaluation are built from.
///
/// Order of a decision: guardrails and eligibility remove blocks first; then a do-not-personalize
/// visitor gets the inventory's order, a holdout visitor a uniform draw (propensity 1/K), anyone else a
/// Thompson draw (propensity P(argmax), computed by `ArgmaxPropensity`). The decision is written to the
/// log before the model learns from it, so a failed write leaves the model as it was.
///
/// Randomness is a seeded generator and time an injected clock, so a run replays exactly; decision ids
/// are the log sequence plus 32 random bits, unique across restarts because the sequence is persisted.
public actor PersonalizationEngine: DecisionEngine {
    public nonisolated let inventory: ContentInventory
    public nonisolated let settings: PersonalizationSettings
    public nonisolated let policyVersion: String
    private let encoder: ContextEncoder
    private let log: any PersonalizationLog
    private let profiles: any ProfileSource
    private let clock: any WallClock
    private let blockIDs: [String]
    private let surfaceBlocks: [String: [Int]]
    private let longestCapWindow: Int64
    private var model: LinearThompsonModel
    private var generator: SeededRandomNumberGenerator
    private var ranker = ThompsonRanker()
    private var nextSequence: Int64
    private var writesInFlight = 0
    private var appliedSinceSnapshot = 0
    /// Per visitor, the blocks shown first and when, within the longest frequency-cap window.
    private var exposureHistory: [String: [(block: Int, time: Timestamp)]] = [:]
    private var decisionsSinceSweep = 0

    /// Opens the engine on `log`: loads the latest model snapshot that fits this inventory and replays
    /// the log after it, so a restart loses nothing.
    public static func open(
        inventory: ContentInventory, log: any PersonalizationLog, profiles: any ProfileSource,
        clock: any WallClock, seed: UInt64, settings: PersonalizationSettings = PersonalizationSettings()
    ) async throws(DecisionEngineError) -> PersonalizationEngine {
        let encoder = inventory.encoder
        let version = "\(settings.policyName)-\(SHA256.hex(encoder.vocabularyKey).prefix(8))"
        let blockIDs = inventory.blocks.map(\.id)
        do {
            var model = LinearThompsonModel(
                blocks: blockIDs.count, dimension: encoder.dimension, priorPrecision: settings.priorPrecision,
                explorationScale: settings.explorationScale)
            var through: Int64 = 0
            if let snapshot = try await log.latestSnapshot(),
                let persisted = try? JSONDecoder().decode(PersistedModel.self, from: snapshot.data),
                let restored = persisted.model(
                    for: blockIDs, vocabularyKey: encoder.vocabularyKey, settings: settings)
            {
                model = restored
                through = snapshot.sequence
            }
            let index = Dictionary(blockIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var replayed: [String: LoggedDecision] = [:]
            var cursor = through
            while true {
                let batch = try await log.decisions(after: cursor, limit: 5000)
                guard let last = batch.last else { break }
                for decision in batch where decision.policyVersion == version && decision.mode != .defaultRanking {
                    replayed[decision.decisionID] = decision
                    if let shown = decision.shownBlock, let block = index[shown] {
                        model.recordExposure(block: block, active: decision.features)
                    }
                }
                cursor = last.sequence
            }
            cursor = through
            while true {
                let batch = try await log.outcomes(after: cursor, limit: 5000)
                guard let last = batch.last else { break }
                for outcome in batch {
                    var decision = replayed[outcome.decisionID]
                    if decision == nil { decision = try await log.decision(id: outcome.decisionID) }
                    guard let decision, decision.policyVersion == version, decision.mode != .defaultRanking,
                        decision.shownBlock == outcome.blockID, let block = index[outcome.blockID]
                    else { continue }
                    model.recordReward(
                        block: block, active: decision.features,
                        reward: settings.weight(of: outcome.kind) * outcome.reward)
                }
                cursor = last.sequence
            }
            let engine = PersonalizationEngine(
                inventory: inventory, encoder: encoder, version: version, model: model, log: log,
                profiles: profiles, clock: clock, seed: seed, settings: settings,
                nextSequence: try await log.lastSequence() + 1)
            let window = engine.longestCapWindow
            if window > 0 {
                let recent = try await log.decisions(since: clock.now().adding(milliseconds: -window))
                await engine.remember(recent)
            }
            return engine
        } catch let error as DecisionEngineError {
            throw error
        } catch {
            throw .storage("cannot read the personalization log: \(error)")
        }
    }

    private init(
        inventory: ContentInventory, encoder: ContextEncoder, version: String, model: LinearThompsonModel,
        log: any PersonalizationLog, profiles: any ProfileSource, clock: any WallClock, seed: UInt64,
        settings: PersonalizationSettings, nextSequence: Int64
    ) {
        self.inventory = inventory
        self.encoder = encoder
        self.policyVersion = version
        self.model = model
        self.log = log
        self.profiles = profiles
        self.clock = clock
        self.settings = settings
        self.generator = SeededRandomNumberGenerator(seed: seed)
        self.nextSequence = nextSequence
        self.blockIDs = inventory.blocks.map(\.id)
        var surfaces: [String: [Int]] = [:]
        for (index, block) in inventory.blocks.enumerated() {
            for surface in block.surfaces { surfaces[surface, default: []].append(index) }
        }
        self.surfaceBlocks = surfaces
        self.longestCapWindow =
            Int64(inventory.blocks.compactMap { $0.frequencyCap?.windowSeconds }.max() ?? 0) * 1000
    }

    private func remember(_ decisions: [LoggedDecision]) {
        let index = Dictionary(blockIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for decision in decisions {
            guard let shown = decision.shownBlock, let block = index[shown] else { continue }
            exposureHistory[decision.visitorID, default: []].append((block, decision.time))
        }
    }

    // MARK: DecisionEngine

    public func decide(_ request: DecisionRequest) async throws(DecisionEngineError) -> Decision {
        try Self.validate(request)
        guard let candidates = surfaceBlocks[request.surface] else { throw .unknownSurface(request.surface) }
        let profile: VisitorProfile
        do {
            profile = try await profiles.profile(visitorID: request.visitorID)
        } catch {
            throw .storage("cannot read the visitor's profile: \(error)")
        }
        let now = clock.now()
        let isDefault = profile.flags.contains(.doNotPersonalize)
        // A do-not-personalize visitor's profile is not used, not even for eligibility.
        let context = isDefault ? request.context : profile.context(merging: request.context)
        let eligible = eligibleBlocks(
            candidates, visitorID: request.visitorID, profile: profile, context: context, now: now)
        let features = isDefault ? [] : encoder.encode(context)
        let mode: LoggedDecision.Mode =
            isDefault ? .defaultRanking : settings.holdout.contains(request.visitorID) ? .holdout : .policy
        let ranked: [Int]
        var propensity = 1.0
        switch mode {
        case .defaultRanking:
            ranked = Array(eligible.prefix(request.limit))
        case .holdout:
            var shuffled = eligible
            shuffled.shuffle(using: &generator)
            ranked = Array(shuffled.prefix(request.limit))
            if !eligible.isEmpty { propensity = 1 / Double(eligible.count) }
        case .policy:
            let ranking = ranker.rank(
                model: model, eligible: eligible, active: features, limit: request.limit, using: &generator)
            ranked = ranking.blocks
            propensity = ranking.propensity
        }
        let sequence = nextSequence
        nextSequence += 1
        let decisionID = "d\(String(sequence, radix: 36))-\(String(generator.next() & 0xFFFF_FFFF, radix: 16))"
        let scoringColumns: [Int32] = isDefault ? [0] : features
        let blocks = scoringColumns.withUnsafeBufferPointer { active in
            ranked.map {
                Decision.RankedBlock(blockID: blockIDs[$0], expectedReward: model.mean(block: $0, active: active))
            }
        }
        let logged = LoggedDecision(
            sequence: sequence, decisionID: decisionID, visitorID: request.visitorID, surface: request.surface,
            time: now, mode: mode, blocks: blocks.map(\.blockID), propensity: propensity,
            eligibleBlocks: eligible.map { blockIDs[$0] }, features: features, policyVersion: policyVersion)
        writesInFlight += 1
        do {
            try await log.append(logged)
        } catch {
            writesInFlight -= 1
            throw .storage("cannot write the decision log: \(error)")
        }
        writesInFlight -= 1
        if let shown = ranked.first {
            if mode != .defaultRanking { model.recordExposure(block: shown, active: features) }
            if longestCapWindow > 0 { exposureHistory[request.visitorID, default: []].append((shown, now)) }
        }
        sweepExposureHistory(now: now)
        try await snapshotIfDue()
        return Decision(
            decisionID: decisionID, visitorID: request.visitorID, blocks: blocks, propensity: propensity,
            isHoldout: mode == .holdout, policyVersion: mode == .defaultRanking ? "default-ranking" : policyVersion,
            isDefaultRanking: mode == .defaultRanking)
    }

    public func record(_ outcome: DecisionOutcome) async throws(DecisionEngineError) {
        guard outcome.reward.isFinite, (0...1).contains(outcome.reward) else {
            throw .invalidField(name: "reward", expected: "a number from 0 to 1")
        }
        guard !outcome.decisionID.isEmpty else {
            throw .invalidField(name: "decision_id", expected: "the decision_id a decision returned")
        }
        let found: LoggedDecision?
        do {
            found = try await log.decision(id: outcome.decisionID)
        } catch {
            throw .storage("cannot read the decision log: \(error)")
        }
        guard let decision = found else { throw .unknownDecision(outcome.decisionID) }
        guard let blockID = outcome.blockID ?? decision.shownBlock else {
            throw .invalidField(name: "block_id", expected: "a block of the decision (it ranked none)")
        }
        guard decision.blocks.contains(blockID) else {
            throw .invalidField(name: "block_id", expected: "one of the decision's blocks")
        }
        let sequence = nextSequence
        nextSequence += 1
        let logged = LoggedOutcome(
            sequence: sequence, decisionID: decision.decisionID, blockID: blockID, kind: outcome.kind,
            reward: outcome.reward, time: clock.now())
        writesInFlight += 1
        let inserted: Bool
        do {
            inserted = try await log.append(logged)
        } catch {
            writesInFlight -= 1
            throw .storage("cannot write the outcome: \(error)")
        }
        writesInFlight -= 1
        guard inserted else { throw .duplicateOutcome(decisionID: decision.decisionID) }
        // Only the first block's exposure was learned (its propensity is the one logged); a reward for a
        // lower-ranked block is kept for reports.
        if decision.policyVersion == policyVersion, decision.mode != .defaultRanking, blockID == decision.shownBlock,
            let block = blockIDs.firstIndex(of: blockID)
        {
            model.recordReward(
                block: block, active: decision.features, reward: settings.weight(of: outcome.kind) * outcome.reward)
        }
        try await snapshotIfDue()
    }

    // MARK: Reading the model

    /// The current model and the block ids of its rows, for reports.
    public func currentModel() -> (blockIDs: [String], model: LinearThompsonModel, encoder: ContextEncoder) {
        (blockIDs, model, encoder)
    }

    /// Writes a model snapshot now (a server calls it before exiting).
    public func checkpoint() async throws(DecisionEngineError) {
        guard writesInFlight == 0 else { return }
        let data: Data
        do {
            data = try JSONEncoder().encode(
                PersistedModel(model: model, blockIDs: blockIDs, vocabularyKey: encoder.vocabularyKey))
        } catch {
            throw .storage("cannot encode the model: \(error)")
        }
        do {
            try await log.save(ModelSnapshot(sequence: nextSequence - 1, data: data))
        } catch {
            throw .storage("cannot write the model snapshot: \(error)")
        }
        appliedSinceSnapshot = 0
    }

    // MARK: Internals

    private func snapshotIfDue() async throws(DecisionEngineError) {
        appliedSinceSnapshot += 1
        // Only when no other write is in flight: the snapshot must hold every entry up to its sequence.
        guard appliedSinceSnapshot >= settings.snapshotEvery, writesInFlight == 0 else { return }
        try await checkpoint()
    }

    /// Every 10,000 decisions, forgets showings older than the longest cap window, so visitors who never
    /// come back do not hold memory forever.
    private func sweepExposureHistory(now: Timestamp) {
        decisionsSinceSweep += 1
        guard decisionsSinceSweep >= 10_000, longestCapWindow > 0 else { return }
        decisionsSinceSweep = 0
        let since = now.adding(milliseconds: -longestCapWindow)
        for visitor in Array(exposureHistory.keys) {
            let kept = exposureHistory[visitor]?.filter { $0.time > since } ?? []
            exposureHistory[visitor] = kept.isEmpty ? nil : kept
        }
    }

    private func eligibleBlocks(
        _ candidates: [Int], visitorID: String, profile: VisitorProfile, context: [String: String], now: Timestamp
    ) -> [Int] {
        let history = exposureHistory[visitorID]
        let allowed = candidates.filter { index in
            let block = inventory.blocks[index]
            guard Guardrails.allows(block, for: profile.flags) else { return false }
            for rule in block.rules where !rule.allows(context) { return false }
            if let cap = block.frequencyCap, let history {
                let since = now.adding(milliseconds: -Int64(cap.windowSeconds) * 1000)
                let shown = history.reduce(0) { $0 + ($1.block == index && $1.time > since ? 1 : 0) }
                if shown >= cap.impressions { return false }
            }
            return true
        }
        // Content the visitor consumed recently is not offered again, unless nothing else is left.
        guard !profile.recentBlocks.isEmpty, !profile.flags.contains(.doNotPersonalize) else { return allowed }
        let consumed = Set(profile.recentBlocks)
        let fresh = allowed.filter { !consumed.contains(blockIDs[$0]) }
        return fresh.isEmpty ? allowed : fresh
    }

    static func validate(_ request: DecisionRequest) throws(DecisionEngineError) {
        guard !request.visitorID.isEmpty, request.visitorID.count <= 256 else {
            throw .invalidField(name: "visitor_id", expected: "an id of 1 to 256 characters")
        }
        guard (1...20).contains(request.limit) else {
            throw .invalidField(name: "limit", expected: "a whole number from 1 to 20")
        }
    }
}
