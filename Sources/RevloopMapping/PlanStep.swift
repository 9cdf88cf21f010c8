public import RevloopCore

/// One step of a plan: decided, waiting for the deal's person, or skipped (as a count, without a key:
/// see `ConversionPlanner.decide(_:ledger:ledgerMayHoldDeal:skipsAsCounts:)`).
public enum PlanStep: Hashable, Sendable {
    case decided(PlannedOperation)
    case needsPerson(PendingConversion)
    case skipped(goalIndex: Int, stage: FiredStage, reason: SkipReason)
}
