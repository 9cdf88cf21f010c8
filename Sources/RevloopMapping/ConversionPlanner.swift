public import RevloopCore
internal import RevloopIdentity

/// Decides, per (deal, goal, fired stage), what to send: upload, restate, retract, or skip with a
/// reason, by comparing what the CRM says now with what the ledger says the platform already holds.
///
/// The checks run in a fixed order, and a skip names the first that fails: ledger state, deal deleted
/// or no longer won, window, holdout, value, contact, consent, identifiers. Pure: no I/O, no clock.
public struct ConversionPlanner: Sendable {
    public var goals: [ConversionGoal]
    public var valuer: ConversionValuer
    /// The plan's "now": windows are measured back from it.
    public var asOf: Timestamp

    public init(
        goals: [ConversionGoal], rates: ExchangeRateTable, asOf: Timestamp,
        estimator: (any WinProbabilityEstimator)? = nil
    ) {
        self.goals = goals
        self.valuer = ConversionValuer(rates: rates, estimator: estimator)
        self.asOf = asOf
    }

    /// Some goal values deals with the scoring model (its contexts then need the company and activities).
    public var needsScoringFeatures: Bool { goals.contains { $0.valuePolicy == .predicted } }

    /// Every operation for one deal, goal by goal, stages in the order entered.
    public func plan(_ context: DealContext, ledger: (DedupKey) -> LedgerEntry?) -> [PlannedOperation] {
        decide(context, ledger: ledger).map { step in
            switch step {
            case .decided(let operation): operation
            case .needsPerson(let pending):
                complete(
                    pending, contact: context.contacts.first,
                    clicks: context.contacts.first.flatMap { context.clicks[$0.id] } ?? [])
            case .skipped(let goalIndex, let stage, let reason):
                PlannedOperation(
                    action: .skip(reason),
                    key: DedupKeys.key(
                        for: goals[goalIndex], connector: context.connector, deal: context.deal.id, stage: stage.stageID
                    ),
                    goal: goals[goalIndex].name, platform: goals[goalIndex].platform, dealID: context.deal.id,
                    stageID: stage.stageID, occurredAt: stage.enteredAt, event: nil, goalIndex: goalIndex)
            }
        }
    }

    /// The first half of `plan`: every decision that does not depend on the person, and for the rest what
    /// would be sent once the person is known. A streaming planner reads deals first and contacts later.
    ///
    /// For bulk plans: `ledgerMayHoldDeal: false` says the ledger has nothing for this deal (so no key is
    /// derived just to look it up), and `skipsAsCounts` returns skips as `.skipped` without a dedup key.
    /// Deriving a key per fired stage is most of the cost of a stage that is skipped anyway.
    public func decide(
        _ context: DealContext, ledger: (DedupKey) -> LedgerEntry?, ledgerMayHoldDeal: Bool = true,
        skipsAsCounts: Bool = false
    ) -> [PlanStep] {
        var steps: [PlanStep] = []
        decide(context, ledger: ledger, ledgerMayHoldDeal: ledgerMayHoldDeal, skipsAsCounts: skipsAsCounts) {
            steps.append($0)
        }
        return steps
    }

    /// `decide(_:ledger:ledgerMayHoldDeal:skipsAsCounts:)`, handing each step to `step` as it is decided.
    public func decide(
        _ context: DealContext, ledger: (DedupKey) -> LedgerEntry?, ledgerMayHoldDeal: Bool = true,
        skipsAsCounts: Bool = false, _ step: (PlanStep) throws -> Void
    ) rethrows {
        let isWonNow = context.isWonNow
        for index in goals.indices {
            for stage in FiredStages(context: context, goal: goals[index]) {
                var key: DedupKey?
                var sent: LedgerEntry?
                if ledgerMayHoldDeal {
                    let derived = DedupKeys.key(
                        for: goals[index], connector: context.connector, deal: context.deal.id, stage: stage.stageID)
                    key = derived
                    sent = ledger(derived)
                }
                let estimate = valuer.estimate(context, at: stage, goal: goals[index])
                let result = outcome(
                    stage, goal: goals[index], deal: context.deal, isWonNow: isWonNow, sent: sent, estimate: estimate)
                if case .skip(let reason) = result, skipsAsCounts {
                    try step(.skipped(goalIndex: index, stage: stage, reason: reason))
                    continue
                }
                let derived =
                    key
                    ?? DedupKeys.key(
                        for: goals[index], connector: context.connector, deal: context.deal.id, stage: stage.stageID)
                switch result {
                case .skip(let reason):
                    try step(
                        .decided(
                            operation(
                                .skip(reason), key: derived, goalIndex: index, stage: stage, deal: context.deal.id)))
                case .decided(let action):
                    try step(
                        .decided(operation(action, key: derived, goalIndex: index, stage: stage, deal: context.deal.id))
                    )
                case .pending(let action, let value, let conversion, let modelVersion):
                    try step(
                        .needsPerson(
                            PendingConversion(
                                action: action, key: derived, goalIndex: index, stage: stage,
                                connector: context.connector,
                                crmName: context.crmName, dealID: context.deal.id, value: value, conversion: conversion,
                                modelVersion: modelVersion)
                        ))
                }
            }
        }
    }

    private func operation(
        _ action: PlannedOperation.Action, key: DedupKey, goalIndex: Int, stage: FiredStage, deal: DealID
    ) -> PlannedOperation {
        PlannedOperation(
            action: action, key: key, goal: goals[goalIndex].name, platform: goals[goalIndex].platform, dealID: deal,
            stageID: stage.stageID, occurredAt: stage.enteredAt, event: nil, goalIndex: goalIndex)
    }

    /// The second half: the pending operation about `contact` (the deal's first contact found, if any).
    public func complete(_ pending: PendingConversion, contact: Contact?, clicks: [ClickID]) -> PlannedOperation {
        let goal = goals[pending.goalIndex]
        func operation(_ action: PlannedOperation.Action, _ event: ConversionEvent? = nil) -> PlannedOperation {
            PlannedOperation(
                action: action, key: pending.key, goal: goal.name, platform: goal.platform, dealID: pending.dealID,
                stageID: pending.stage.stageID, occurredAt: pending.stage.enteredAt, event: event,
                goalIndex: pending.goalIndex)
        }
        switch event(pending, goal: goal, contact: contact, clicks: clicks) {
        case .skip(let reason): return operation(.skip(reason))
        case .event(let event): return operation(pending.action, event)
        }
    }

    /// What one fired stage comes to, before it is dressed as a step.
    enum StageOutcome {
        case skip(SkipReason)
        /// Decided without a person (Meta or LinkedIn cannot adjust).
        case decided(PlannedOperation.Action)
        /// Upload, restate or retract this value (valued by this model version), once the person is known.
        case pending(PlannedOperation.Action, Money, CurrencyConversion?, String?)
    }

    /// One stage's decision, from values passed in (no closures capturing the deal: this runs millions of
    /// times in a bulk plan, and every capture copied the deal).
    func outcome(
        _ stage: FiredStage, goal: ConversionGoal, deal: Deal, isWonNow: Bool, sent: LedgerEntry?,
        estimate: EstimatedWinProbability? = nil
    ) -> StageOutcome {
        func operation(_ action: PlannedOperation.Action) -> StageOutcome {
            if case .skip(let reason) = action { return .skip(reason) }
            return .decided(action)
        }
        func pending(
            _ action: PlannedOperation.Action, _ value: Money, _ conversion: CurrencyConversion?,
            _ modelVersion: String? = nil
        ) -> StageOutcome {
            .pending(action, value, conversion, modelVersion)
        }
        // Reversed: the whole deal is gone, or a won conversion whose deal is no longer won.
        let reversed = deal.isDeleted || (stage.isWon && !isWonNow)
        let windowStart = asOf.adding(days: -Int64(goal.windowDays))
        let inWindow = stage.enteredAt >= windowStart

        if let sent {
            if sent.state.isInFlight { return operation(.skip(.inFlight)) }
            if sent.state == .rejected || sent.state == .deadLetter { return operation(.skip(.rejectedBefore)) }
            let holds: Money? = sent.state == .retracted ? nil : sent.value
            if reversed {
                guard let holds else { return operation(.skip(.alreadySent)) }
                guard goal.canAdjust else { return operation(.cannotAdjust(previous: holds, now: nil)) }
                guard inWindow else { return operation(.skip(.outsideWindow(days: goal.windowDays))) }
                return pending(.retract(previous: holds), Money(minorUnits: 0, currency: holds.currency), nil)
            }
            let now: Money
            let conversion: CurrencyConversion?
            let modelVersion: String?
            switch valuer.value(of: stage, deal: deal, goal: goal, estimate: estimate) {
            case .value(let value, let used, let version):
                now = value
                conversion = used
                modelVersion = version
            case .skip:
                // No value any more (amount cleared): the platform keeps what it has; nothing to send.
                return operation(.skip(.alreadySent))
            }
            if let holds, holds == now { return operation(.skip(.alreadySent)) }
            guard goal.canAdjust else {
                return operation(
                    .cannotAdjust(previous: holds ?? Money(minorUnits: 0, currency: now.currency), now: now))
            }
            guard inWindow else { return operation(.skip(.outsideWindow(days: goal.windowDays))) }
            return pending(
                .restate(previous: holds ?? Money(minorUnits: 0, currency: now.currency)), now, conversion, modelVersion
            )
        }

        if deal.isDeleted { return operation(.skip(.dealDeleted)) }
        if reversed { return operation(.skip(.noLongerWon)) }
        guard inWindow else { return operation(.skip(.outsideWindow(days: goal.windowDays))) }
        guard stage.enteredAt <= asOf else { return operation(.skip(.inTheFuture)) }
        if goal.holdout.contains(deal.id) { return operation(.skip(.heldOut)) }
        switch valuer.value(of: stage, deal: deal, goal: goal, estimate: estimate) {
        case .skip(let reason): return operation(.skip(reason))
        case .value(let value, let conversion, let modelVersion):
            return pending(.upload, value, conversion, modelVersion)
        }
    }

    enum EventOutcome {
        case event(ConversionEvent)
        case skip(SkipReason)
    }

    /// The event for a pending operation about `contact`, if the contact's consent and identifiers allow
    /// sending it to the goal's platform.
    func event(_ pending: PendingConversion, goal: ConversionGoal, contact: Contact?, clicks: [ClickID]) -> EventOutcome
    {
        guard let contact else { return .skip(.noContact) }
        if !goal.countries.isEmpty, !goal.countries.contains(contact.countryCode ?? "") {
            return .skip(.outsideCountryFilter)
        }
        let limitedDataUse: Bool
        switch goal.consent.decide(contact.consent, for: goal.platform) {
        case .skip:
            return .skip(contact.consent.adUserData == .denied ? .consentDenied : .consentUnknown)
        case .send(let ldu): limitedDataUse = ldu
        }
        let before = clicks.filter { $0.clickedAt <= pending.stage.enteredAt }
            .sorted { ($0.clickedAt, $0.value) < ($1.clickedAt, $1.value) }
        let person = ConversionPerson(
            contactID: contact.id, identifiers: contact.identifiers, clicks: before, countryCode: contact.countryCode,
            region: contact.region, postalCode: contact.postalCode, consent: contact.consent)
        guard MatchKey.canMatch(MatchKey.present(for: person, on: goal.platform)) else {
            return .skip(.noMatchableIdentifier)
        }
        return .event(
            ConversionEvent(
                key: pending.key, goal: goal.name, platform: goal.platform, account: goal.account, target: goal.target,
                connector: pending.connector, crmName: pending.crmName, dealID: pending.dealID,
                stageID: pending.stage.stageID, stageLabel: pending.stage.label, occurredAt: pending.stage.enteredAt,
                value: pending.value, conversion: pending.conversion, person: person, limitedDataUse: limitedDataUse,
                modelVersion: pending.modelVersion))
    }
}
