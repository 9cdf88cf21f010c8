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

    public init(goals: [ConversionGoal], rates: ExchangeRateTable, asOf: Timestamp) {
        self.goals = goals
        self.valuer = ConversionValuer(rates: rates)
        self.asOf = asOf
    }

    /// Every operation for one deal, goal by goal, stages in the order entered.
    public func plan(_ context: DealContext, ledger: (DedupKey) -> LedgerEntry?) -> [PlannedOperation] {
        decide(context, ledger: ledger).map { step in
            switch step {
            case .decided(let operation): operation
            case .needsPerson(let pending):
                complete(pending, contact: context.contacts.first, clicks: context.contacts.first.flatMap { context.clicks[$0.id] } ?? [])
            }
        }
    }

    /// The first half of `plan`: every decision that does not depend on the person, and for the rest what
    /// would be sent once the person is known. A streaming planner reads deals first and contacts later.
    public func decide(_ context: DealContext, ledger: (DedupKey) -> LedgerEntry?) -> [PlanStep] {
        var steps: [PlanStep] = []
        for (index, goal) in goals.enumerated() {
            for stage in FiredStage.stages(of: context, for: goal) {
                let key = DedupKeys.key(for: goal, connector: context.connector, deal: context.deal.id, stage: stage.stageID)
                steps.append(decide(stage, key: key, goal: goal, goalIndex: index, context: context, sent: ledger(key)))
            }
        }
        return steps
    }

    /// The second half: the pending operation about `contact` (the deal's first contact found, if any).
    public func complete(_ pending: PendingConversion, contact: Contact?, clicks: [ClickID]) -> PlannedOperation {
        let goal = goals[pending.goalIndex]
        func operation(_ action: PlannedOperation.Action, _ event: ConversionEvent? = nil) -> PlannedOperation {
            PlannedOperation(
                action: action, key: pending.key, goal: goal.name, platform: goal.platform, dealID: pending.dealID,
                stageID: pending.stage.stageID, occurredAt: pending.stage.enteredAt, event: event)
        }
        switch event(pending, goal: goal, contact: contact, clicks: clicks) {
        case .skip(let reason): return operation(.skip(reason))
        case .event(let event): return operation(pending.action, event)
        }
    }

    func decide(
        _ stage: FiredStage, key: DedupKey, goal: ConversionGoal, goalIndex: Int, context: DealContext,
        sent: LedgerEntry?
    ) -> PlanStep {
        let deal = context.deal
        func operation(_ action: PlannedOperation.Action) -> PlanStep {
            .decided(
                PlannedOperation(
                    action: action, key: key, goal: goal.name, platform: goal.platform, dealID: deal.id,
                    stageID: stage.stageID, occurredAt: stage.enteredAt, event: nil))
        }
        func pending(_ action: PlannedOperation.Action, _ value: Money, _ conversion: CurrencyConversion?) -> PlanStep {
            .needsPerson(
                PendingConversion(
                    action: action, key: key, goalIndex: goalIndex, stage: stage, connector: context.connector,
                    crmName: context.crmName, dealID: deal.id, value: value, conversion: conversion))
        }
        // Reversed: the whole deal is gone, or a won conversion whose deal is no longer won.
        let reversed = deal.isDeleted || (stage.isWon && !context.isWonNow)
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
            switch valuer.value(of: stage, deal: deal, goal: goal) {
            case .value(let value, let used):
                now = value
                conversion = used
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
            return pending(.restate(previous: holds ?? Money(minorUnits: 0, currency: now.currency)), now, conversion)
        }

        if deal.isDeleted { return operation(.skip(.dealDeleted)) }
        if reversed { return operation(.skip(.noLongerWon)) }
        guard inWindow else { return operation(.skip(.outsideWindow(days: goal.windowDays))) }
        guard stage.enteredAt <= asOf else { return operation(.skip(.inTheFuture)) }
        if goal.holdout.contains(deal.id) { return operation(.skip(.heldOut)) }
        switch valuer.value(of: stage, deal: deal, goal: goal) {
        case .skip(let reason): return operation(.skip(reason))
        case .value(let value, let conversion): return pending(.upload, value, conversion)
        }
    }

    enum EventOutcome {
        case event(ConversionEvent)
        case skip(SkipReason)
    }

    /// The event for a pending operation about `contact`, if the contact's consent and identifiers allow
    /// sending it to the goal's platform.
    func event(_ pending: PendingConversion, goal: ConversionGoal, contact: Contact?, clicks: [ClickID]) -> EventOutcome {
        guard let contact else { return .skip(.noContact) }
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
                value: pending.value, conversion: pending.conversion, person: person, limitedDataUse: limitedDataUse))
    }
}
