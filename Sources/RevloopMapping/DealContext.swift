public import RevloopCore

/// A deal with what planning it needs: its pipeline, its contacts (in the deal's order) and their clicks.
public struct DealContext: Hashable, Sendable {
    public var connector: ConnectorName
    /// The CRM's name (Meta's `lead_event_source`).
    public var crmName: String
    public var deal: Deal
    public var pipeline: Pipeline?
    /// The deal's contacts to plan with; the planner's person is the first (the primary contact).
    public var contacts: [Contact]
    /// Click ids per contact.
    public var clicks: [ContactID: [ClickID]]
    /// The deal's company and its contacts' activities: read only when a goal's value is `predicted`.
    public var company: Company?
    public var activities: [Activity]

    public init(
        connector: ConnectorName, crmName: String, deal: Deal, pipeline: Pipeline?, contacts: [Contact],
        clicks: [ContactID: [ClickID]], company: Company? = nil, activities: [Activity] = []
    ) {
        self.connector = connector
        self.crmName = crmName
        self.deal = deal
        self.pipeline = pipeline
        self.contacts = contacts
        self.clicks = clicks
        self.company = company
        self.activities = activities
    }

    /// The stage's metadata in the deal's pipeline.
    public func stage(_ id: StageID) -> PipelineStage? {
        pipeline?.stages.first { $0.id == id }
    }

    /// Whether the deal is won now (its current stage is a won stage, it is not deleted and not refunded).
    public var isWonNow: Bool {
        !deal.isDeleted && stage(deal.stageID)?.isWon == true && deal.lostReason != "refunded"
    }
}
