public import RevloopCore

/// How a run picks up operations an earlier run left unsettled (`planned`, `sending`, `retrying`): the
/// ledger as the planner should see it, so the same operation is planned again with the same dedup key.
///
/// An operation left `sending` may or may not have reached its platform. Google and Meta deduplicate by
/// the key, so it is simply resent. LinkedIn does not: unless the policy says resend, it becomes a dead
/// letter marked `IN_DOUBT` for a human to resend (`revloop retry --dead-letter`) or leave. An operation
/// left `retrying` got a definite "not now" and is resent everywhere.
public enum DeliveryResume {
    public struct View: Sendable {
        /// What the planner compares the CRM with.
        public var ledger: [DedupKey: LedgerEntry]
        /// LinkedIn operations left `sending`, now dead letters (record them before planning).
        public var inDoubt: [LedgerEntry]
    }

    public static func view(of entries: [DedupKey: LedgerEntry], resendInDoubt: Bool, now: Timestamp) -> View {
        var ledger = entries
        var inDoubt: [LedgerEntry] = []
        for (key, entry) in entries where entry.state.isInFlight {
            let deduplicates = PlatformAnswersCatalog.answers(for: entry.platform).deduplicatesResends
            if entry.state == .sending, !deduplicates, !resendInDoubt {
                var held = entry
                held.state = .deadLetter
                held.lastCode = "IN_DOUBT"
                held.updatedAt = now
                inDoubt.append(held)
                ledger[key] = held
                continue
            }
            // The platform holds what it held before this operation (nothing for a first upload).
            if let before = entry.heldBefore {
                var held = entry
                held.state = before.minorUnits == 0 ? .retracted : .accepted
                held.value = before
                ledger[key] = held
            } else {
                ledger[key] = nil
            }
        }
        return View(ledger: ledger, inDoubt: inDoubt)
    }
}
