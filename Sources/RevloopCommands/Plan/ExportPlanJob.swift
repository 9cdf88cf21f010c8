public import RevloopConnectors
public import RevloopCore
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
            let pipelines = Dictionary(
                try scan.pipelines().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var pending: [PendingConversion] = []
            var waiting: [ContactID: [Int]] = [:]
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
                        waiting[primary, default: []].append(pending.count)
                        pending.append(conversion)
                    }
                }
            }
            progress("plan: reading the click ids and contacts of \(waiting.count) people")
            let isWaiting: (ContactID) -> Bool = { waiting[$0] != nil }
            let clicks = try scan.clickIDs(wanted: isWaiting, diagnostic: diagnostic)
            try scan.forEachContact(wanted: isWaiting, diagnostic: diagnostic) { contact in
                // A contact listed twice: its first row is the person, as a pull's upsert would keep one.
                guard let indexes = waiting.removeValue(forKey: contact.id) else { return }
                for index in indexes {
                    try operation(planner.complete(pending[index], contact: contact, clicks: clicks[contact.id] ?? []))
                }
            }
            for index in waiting.values.joined().sorted() {
                try operation(planner.complete(pending[index], contact: nil, clicks: []))
            }
        }
        return deals
    }
}
