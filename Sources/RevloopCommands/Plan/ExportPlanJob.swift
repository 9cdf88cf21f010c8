public import RevloopConnectors
public import RevloopCore
internal import RevloopIdentity
public import RevloopMapping

/// Plans file exports straight from their files, without the store: deals first (every decision that
/// does not need the person), then the click ids and contacts of the deals still waiting, hashed only
/// then. Memory holds the waiting operations, not the CRM.
public struct ExportPlanJob {
    public var planner: ConversionPlanner
    /// What the ledger holds (empty without a store).
    public var ledger: [DedupKey: LedgerEntry]
    public var scans: [(connector: ConnectorConfig, scan: ExportScan)]

    public init(
        planner: ConversionPlanner, ledger: [DedupKey: LedgerEntry],
        scans: [(connector: ConnectorConfig, scan: ExportScan)]
    ) {
        self.planner = planner
        self.ledger = ledger
        self.scans = scans
    }

    /// Plans every deal; `operation` gets each operation once (skips as soon as they are known, sends
    /// when their contact has been read). Returns the number of deals read.
    /// Skips decided from the deal alone arrive as counts through `skipped` (goal index, reason).
    public func run(
        diagnostic: (Diagnostic) -> Void, progress: (String) -> Void, skipped: (Int, SkipReason) -> Void,
        operation: (PlannedOperation) throws -> Void
    ) throws -> Int {
        var deals = 0
        // Deals the ledger knows: only their stages need a dedup key before they are decided.
        var known: [ConnectorName: Set<DealID>] = [:]
        for entry in ledger.values { known[entry.connector, default: []].insert(entry.dealID) }
        for (connector, scan) in scans {
            let knownDeals = known[connector.name] ?? []
            let crmName = PlanJob.crmName(of: connector.kind)
            let pipelines = PlanJob.byID(try scan.pipelines())
            var pending = PendingList()
            // Per person waited for: the pending operations about them, and the identifier kinds those send.
            var waiting: [ContactID: (indexes: [Int], kinds: IdentifierKinds)] = [:]
            let kindsOfGoal = planner.goals.map { IdentifierKinds.sent(to: $0.platform) }
            try scan.forEachDeal(diagnostic: diagnostic) { deal in
                deals += 1
                if deals % 100_000 == 0 { progress("plan: \(deals) deals read, \(pending.count) waiting for contacts") }
                // The deal moves into its context (no copy of its fields): below, read it from there.
                let pipeline = pipelines[deal.pipelineID]
                let context = DealContext(
                    connector: connector.name, crmName: crmName, deal: deal, pipeline: pipeline, contacts: [],
                    clicks: [:])
                let lookUp: (DedupKey) -> LedgerEntry? = { ledger[$0] }
                try planner.decide(
                    context, ledger: lookUp, ledgerMayHoldDeal: knownDeals.contains(context.deal.id),
                    skipsAsCounts: true
                ) { step in
                    switch step {
                    case .skipped(let goalIndex, _, let reason): skipped(goalIndex, reason)
                    case .decided(let decided): try operation(decided)
                    case .needsPerson(let conversion):
                        guard let primary = context.deal.contactIDs.first else {
                            try operation(planner.complete(conversion, contact: nil, clicks: []))
                            return
                        }
                        waiting[primary, default: ([], [])].indexes.append(pending.count)
                        waiting[primary, default: ([], [])].kinds.formUnion(kindsOfGoal[conversion.goalIndex])
                        pending.append(conversion)
                    }
                }
            }
            progress("plan: reading the click ids and contacts of \(waiting.count) people")
            let isWaiting: (ContactID) -> Bool = { waiting[$0] != nil }
            let kindsNeeded: (ContactID) -> IdentifierKinds = { waiting[$0]?.kinds ?? .all }
            let clicks = try scan.clickIDs(wanted: isWaiting, diagnostic: diagnostic)
            try scan.forEachContact(wanted: isWaiting, kinds: kindsNeeded, diagnostic: diagnostic) {
                contact in
                // A contact listed twice: its first row is the person, as a pull's upsert would keep one.
                guard let indexes = waiting.removeValue(forKey: contact.id)?.indexes else { return }
                for index in indexes {
                    try operation(planner.complete(pending[index], contact: contact, clicks: clicks[contact.id] ?? []))
                }
            }
            for index in waiting.values.flatMap(\.indexes).sorted() {
                try operation(planner.complete(pending[index], contact: nil, clicks: []))
            }
        }
        return deals
    }
}

/// The operations waiting for their person, in chunks: one array of a few hundred thousand large values
/// would, each time it grew, briefly hold the old and the new copy (the run's peak memory).
private struct PendingList {
    private static let chunkSize = 16_384
    private var chunks: [[PendingConversion]] = []
    private(set) var count = 0

    mutating func append(_ conversion: PendingConversion) {
        if count % Self.chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(conversion)
        count += 1
    }

    subscript(index: Int) -> PendingConversion { chunks[index / Self.chunkSize][index % Self.chunkSize] }
}
