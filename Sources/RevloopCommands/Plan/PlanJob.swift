internal import Foundation
public import RevloopCore
public import RevloopMapping
public import RevloopStore

/// Plans every deal in the store against the ledger: pages through each connector's deals, reads their
/// contacts and clicks in bulk, and hands each page's operations to the caller. Sends nothing.
public struct PlanJob: Sendable {
    public var store: any SnapshotStore & LedgerStore
    public var planner: ConversionPlanner
    public var connectors: [ConnectorConfig]
    public var pageSize = 2_000
    /// The ledger to plan against, when the caller has its own view of it (delivery resuming unsettled
    /// operations); `nil` reads the store's.
    public var ledger: [DedupKey: LedgerEntry]?

    public init(store: any SnapshotStore & LedgerStore, planner: ConversionPlanner, connectors: [ConnectorConfig]) {
        self.store = store
        self.planner = planner
        self.connectors = connectors
    }

    /// The project's goals: each mapping resolved against its destination and the project's holdout
    /// (mappings naming an unknown destination are left out; `validate` reports them).
    static func goals(config: ProjectConfig, mappings: [MappingConfig]) -> [ConversionGoal] {
        mappings.compactMap { mapping in
            guard let destination = config.destinations[mapping.destination] else { return nil }
            return ConversionGoal(
                mapping: mapping, platform: destination.platform, projectHoldoutShare: config.holdoutShare,
                holdoutSalt: config.holdoutSalt)
        }
    }

    /// The CRM's name as Meta's `lead_event_source` expects it.
    static func crmName(of kind: ConnectorConfig.Kind) -> String {
        switch kind {
        case .file: "In-house CRM"
        case .hubspot: "HubSpot"
        case .salesforce: "Salesforce"
        case .pipedrive: "Pipedrive"
        }
    }

    /// Runs the plan; `page` gets each page's deal count and operations, in deal order.
    public func run(_ page: (_ deals: Int, _ operations: [PlannedOperation]) async throws -> Void) async throws {
        let ledger: [DedupKey: LedgerEntry]
        if let given = self.ledger { ledger = given } else { ledger = try await store.ledgerEntries() }
        for connector in connectors {
            let pipelines = Self.byID(try await store.pipelines(connector: connector.name))
            var after: DealID?
            while true {
                let deals = try await store.deals(connector: connector.name, after: after, limit: pageSize)
                guard let last = deals.last else { break }
                after = last.id
                let contexts = try await contexts(for: deals, connector: connector, pipelines: pipelines)
                var operations: [PlannedOperation] = []
                for context in contexts {
                    operations += planner.plan(context) { ledger[$0] }
                }
                try await page(deals.count, operations)
            }
        }
    }

    /// One deal's context, or `nil` when the store does not have it.
    public func context(connector: ConnectorConfig, deal id: DealID) async throws -> DealContext? {
        guard let deal = try await store.deal(connector: connector.name, id: id) else { return nil }
        let pipelines = Self.byID(try await store.pipelines(connector: connector.name))
        return try await contexts(for: [deal], connector: connector, pipelines: pipelines).first
    }

    /// Pipelines by id (the first of a repeated id wins).
    static func byID(_ pipelines: [Pipeline]) -> [PipelineID: Pipeline] {
        Dictionary(pipelines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func contexts(for deals: [Deal], connector: ConnectorConfig, pipelines: [PipelineID: Pipeline])
        async throws -> [DealContext]
    {
        let contactIDs = Array(Set(deals.compactMap(\.contactIDs.first)))
        let contacts = Dictionary(
            try await store.contacts(connector: connector.name, ids: contactIDs).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let clicks = try await store.clickIDs(connector: connector.name, contacts: contactIDs)
        let crmName = Self.crmName(of: connector.kind)
        // The scoring model's features (the company, every contact's activities) only for `predicted` goals.
        var companies: [CompanyID: Company] = [:]
        var activities: [ContactID: [Activity]] = [:]
        if planner.needsScoringFeatures {
            let companyIDs = Array(Set(deals.compactMap(\.companyID)))
            for company in try await store.companies(connector: connector.name, ids: companyIDs) {
                companies[company.id] = company
            }
            activities = try await store.activities(
                connector: connector.name, contacts: Array(Set(deals.flatMap(\.contactIDs))))
        }
        return deals.map { deal in
            // The person is the deal's primary contact (its first), as when planning straight from an export.
            let primary = deal.contactIDs.first.flatMap { contacts[$0] }
            return DealContext(
                connector: connector.name, crmName: crmName, deal: deal, pipeline: pipelines[deal.pipelineID],
                contacts: primary.map { [$0] } ?? [], clicks: primary.map { [$0.id: clicks[$0.id] ?? []] } ?? [:],
                company: deal.companyID.flatMap { companies[$0] },
                activities: deal.contactIDs.flatMap { activities[$0] ?? [] })
        }
    }
}
