public import RevloopCore

/// What the ad platforms hold for one deal, read from the delivery ledger: the value of its pipeline
/// conversions (stages that are not won) and of its closed-won conversion, each the value of the operation
/// that changed last. This is the value the bidders were taught, so budgeting on it optimizes for what the
/// platforms optimize for: a restatement counts at its new value, a retraction (a lost or refunded deal)
/// at nothing.
public struct DeliveredValue: Hashable, Sendable {
    /// The pipeline goal's value as delivered: `nil` when no pipeline conversion of the deal reached a platform.
    public var pipeline: Money?
    /// The closed-won goal's value as delivered (zero when retracted): `nil` when none reached a platform.
    public var revenue: Money?
    /// The stage of the closed-won conversion whose value `revenue` is: its entry into that stage is the close.
    public var revenueStage: StageID?

    public init(pipeline: Money? = nil, revenue: Money? = nil, revenueStage: StageID? = nil) {
        self.pipeline = pipeline
        self.revenue = revenue
        self.revenueStage = revenueStage
    }

    /// Whether any conversion of the deal reached a platform.
    public var isDelivered: Bool { pipeline != nil || revenue != nil }

    /// One deal's value from its ledger entries (every platform and goal). An entry at a won stage is the
    /// closed-won goal's, any other the pipeline goal's. Within each, the entry updated last decides:
    /// accepted or restated, its value; retracted, zero; a restatement still in flight, rejected or
    /// dead-lettered, the value the platform held before it (`heldBefore`); a first upload that never
    /// landed, nothing. Entries updated at the same moment are taken in key order, the last one deciding.
    public init(entries: [LedgerEntry], wonStages: Set<StageID>) {
        func held(_ entry: LedgerEntry) -> Money? {
            switch entry.state {
            case .accepted, .restated: entry.value
            case .retracted: Money(minorUnits: 0, currency: entry.value.currency)
            case .planned, .sending, .retrying, .rejected, .deadLetter: entry.heldBefore
            }
        }
        func latest(_ entries: [LedgerEntry]) -> (value: Money, stage: StageID)? {
            entries.compactMap { entry in held(entry).map { (entry, $0) } }
                .max { ($0.0.updatedAt, $0.0.key) < ($1.0.updatedAt, $1.0.key) }
                .map { ($0.1, $0.0.stageID) }
        }
        let won = latest(entries.filter { wonStages.contains($0.stageID) })
        self.init(
            pipeline: latest(entries.filter { !wonStages.contains($0.stageID) })?.value, revenue: won?.value,
            revenueStage: won?.stage)
    }
}
