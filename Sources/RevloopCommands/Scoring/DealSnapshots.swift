internal import RevloopCore
internal import RevloopMapping
internal import RevloopScoring
internal import RevloopStore

/// Reads what scoring needs of a page of deals (companies, every contact's activities) in two queries.
enum DealSnapshots {
    static func load(
        _ deals: [Deal], connector: ConnectorName, pipelines: [PipelineID: Pipeline], store: any SnapshotStore
    ) async throws -> [DealSnapshot] {
        let companies = Dictionary(
            try await store.companies(connector: connector, ids: Array(Set(deals.compactMap(\.companyID)))).map {
                ($0.id, $0)
            }, uniquingKeysWith: { a, _ in a })
        let activities = try await store.activities(
            connector: connector, contacts: Array(Set(deals.flatMap(\.contactIDs))))
        return deals.map { deal in
            DealSnapshot(
                deal: deal, pipeline: pipelines[deal.pipelineID], company: deal.companyID.flatMap { companies[$0] },
                activities: deal.contactIDs.flatMap { activities[$0] ?? [] })
        }
    }

    /// The snapshot of a planned deal (its context already carries the company and activities).
    static func snapshot(of context: DealContext) -> DealSnapshot {
        DealSnapshot(
            deal: context.deal, pipeline: context.pipeline, company: context.company, activities: context.activities)
    }
}
