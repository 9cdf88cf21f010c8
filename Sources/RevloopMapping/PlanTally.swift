public import RevloopCore
public import RevloopIdentity

/// The plan's numbers, per goal: operations by action, skips by reason, the value each action would
/// send, and the share of sent events carrying each match key (the pre-flight match-rate estimate).
public struct PlanTally: Hashable, Sendable {
    /// One goal's numbers.
    public struct Goal: Hashable, Sendable {
        public var name: String
        public var platform: Platform
        public var currency: CurrencyCode
        public var uploads = 0
        public var restatements = 0
        public var retractions = 0
        public var cannotAdjust = 0
        /// Skips by reason ordinal (see `SkipReason.codes`).
        var skipCounts = [Int](repeating: 0, count: SkipReason.codes.count)
        /// Skips by reason code.
        public var skips: [String: Int] {
            Dictionary(
                uniqueKeysWithValues: skipCounts.enumerated().filter { $0.element > 0 }.map {
                    (SkipReason.codes[$0.offset], $0.element)
                })
        }
        /// Sum of upload values, and of restated values (the new values), in `currency`'s minor units.
        public var uploadValueMinor: Int64 = 0
        public var restatedValueMinor: Int64 = 0
        /// Value withdrawn by retractions.
        public var retractedValueMinor: Int64 = 0
        /// Sent events carrying each match key.
        public var matchKeys: [MatchKey: Int] = [:]
        /// Events converted from another currency.
        public var converted = 0
        /// The goal's value is `predicted` (amount x the scoring model's win probability).
        public var isPredicted = false
        /// Sent events valued by each scoring model version (`predicted` goals).
        public var modelVersions: [String: Int] = [:]
        /// Sent events of a `predicted` goal valued by stage probability instead (no model could score them,
        /// or the stage is won and certain).
        public var stageProbabilityValued: Int { isPredicted ? sending - modelVersions.values.reduce(0, +) : 0 }

        public init(name: String, platform: Platform, currency: CurrencyCode) {
            self.name = name
            self.platform = platform
            self.currency = currency
        }

        /// Operations that send a request.
        public var sending: Int { uploads + restatements + retractions }
        public var skipped: Int { skipCounts.reduce(0, +) }
    }

    /// Goals in the order given.
    public private(set) var goals: [Goal]
    private var index: [String: Int]
    /// Deals read.
    public var deals = 0

    public init(goals: [ConversionGoal]) {
        self.goals = goals.map { goal in
            var tallied = Goal(name: goal.name, platform: goal.platform, currency: goal.currency)
            tallied.isPredicted = goal.valuePolicy == .predicted
            return tallied
        }
        self.index = Dictionary(uniqueKeysWithValues: goals.enumerated().map { ($1.name, $0) })
    }

    public mutating func add(_ operation: PlannedOperation) {
        let position: Int
        if operation.goalIndex >= 0, operation.goalIndex < goals.count,
            goals[operation.goalIndex].name == operation.goal
        {
            position = operation.goalIndex
        } else if let found = index[operation.goal] {
            position = found
        } else {
            return
        }
        switch operation.action {
        case .upload:
            goals[position].uploads += 1
            goals[position].uploadValueMinor += operation.event?.value.minorUnits ?? 0
        case .restate:
            goals[position].restatements += 1
            goals[position].restatedValueMinor += operation.event?.value.minorUnits ?? 0
        case .retract(let previous):
            goals[position].retractions += 1
            goals[position].retractedValueMinor += previous.minorUnits
        case .cannotAdjust: goals[position].cannotAdjust += 1
        case .skip(let reason): goals[position].skipCounts[reason.ordinal] += 1
        }
        if let event = operation.event {
            for key in MatchKey.present(for: event.person, on: event.platform) {
                goals[position].matchKeys[key, default: 0] += 1
            }
            if event.conversion?.rates.isEmpty == false { goals[position].converted += 1 }
            if let version = event.modelVersion { goals[position].modelVersions[version, default: 0] += 1 }
        }
    }

    /// A skip the planner counted without making an operation of it.
    public mutating func addSkip(goalIndex: Int, reason: SkipReason) {
        guard goals.indices.contains(goalIndex) else { return }
        goals[goalIndex].skipCounts[reason.ordinal] += 1
    }

    /// Operations that send a request, over all goals.
    public var sending: Int { goals.reduce(0) { $0 + $1.sending } }
}
