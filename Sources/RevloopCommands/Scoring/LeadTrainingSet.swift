internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// The training rows for the lead model, from the store: one row per lead (a person, `LeadSnapshots`) whose
/// closed revenue outcome was decided inside the window, its features cut at the moment the person became a
/// lead, its label that outcome (`LeadOutcome`: won if any of their deals closed won, lost if all closed
/// lost). Leads with no deal, or with open deals and no win, are censored: left out and counted, never
/// labelled lost (they may still buy) and never labelled by a meeting or an MQL stage.
struct LeadTrainingSet: LabelledTrainingSet {
    /// The person of each row (the identity graph's, or the contact record's own id).
    var leadIDs: [String] = []
    var rows: [[String: FeatureValue]] = []
    var labels: [Bool] = []
    var cuts: [Timestamp] = []
    /// Whether the person booked a meeting before the outcome was decided: the label a lead model is most
    /// often trained on by mistake, so the label check compares the scores against it.
    var hadMeeting: [Bool] = []
    /// Leads with no deal at all.
    var censoredNoDeal = 0
    /// Leads whose deals are not all closed and none won.
    var censoredOpenDeal = 0
    /// Leads whose outcome was decided outside the window, or not after they became a lead.
    var outsideWindow = 0

    var censored: Int { censoredNoDeal + censoredOpenDeal }
    static let purpose = ScoringPurpose.lead
    var fingerprint: String { Self.fingerprint(ids: leadIDs, rows: rows, labels: labels) }

    static func load(
        store: any SnapshotStore, connectors: [ConnectorConfig], windowStart: Timestamp, windowEnd: Timestamp
    ) async throws -> LeadTrainingSet {
        var set = LeadTrainingSet()
        try await LeadSnapshots.forEachBatch(store: store, connectors: connectors) { leads in
            for lead in leads { set.add(lead, windowStart: windowStart, windowEnd: windowEnd) }
        }
        return set
    }

    /// Adds `lead` as a row, or counts why it is not one.
    mutating func add(_ lead: LeadSnapshot, windowStart: Timestamp, windowEnd: Timestamp) {
        let outcome = lead.outcome
        guard let label = outcome.label, let decidedAt = outcome.decidedAt else {
            if case .censored(.noDeal) = outcome { censoredNoDeal += 1 } else { censoredOpenDeal += 1 }
            return
        }
        guard let cut = lead.becameLeadAt, decidedAt > cut, decidedAt >= windowStart, decidedAt < windowEnd else {
            outsideWindow += 1
            return
        }
        leadIDs.append(lead.personID)
        rows.append(LeadFeatures.row(of: lead, asOf: cut))
        labels.append(label)
        cuts.append(cut)
        hadMeeting.append(lead.activities.contains { $0.kind == .meetingBooked && $0.occurredAt < decidedAt })
    }
}
