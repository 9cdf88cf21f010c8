/// A page of CRM records from one connector, written to the store in one transaction.
public struct SnapshotBatch: Hashable, Sendable {
    public var connector: ConnectorName
    public var pipelines: [Pipeline]
    public var companies: [Company]
    public var contacts: [Contact]
    public var clickIDs: [ClickID]
    public var deals: [Deal]
    /// Contacts merged into others, folded in after the records (idempotent: a merge seen again changes nothing).
    public var contactMerges: [ContactMerge]
    /// Contacts the CRM deleted (Salesforce's `IsDeleted` rows without a `MasterRecordId`), dropped after the
    /// merges with their click ids and identity links (idempotent: a deletion seen again changes nothing).
    public var contactDeletions: [ContactID]
    /// Contacts' engagements (idempotent: an activity seen again changes nothing).
    public var activities: [Activity]
    /// Activities the CRM deleted (a Salesforce Task or Event with `IsDeleted`, a Pipedrive activity marked
    /// deleted), removed by their key (contact, kind, time) after `activities` are added (idempotent).
    public var activityDeletions: [Activity]

    public init(
        connector: ConnectorName, pipelines: [Pipeline] = [], companies: [Company] = [], contacts: [Contact] = [],
        clickIDs: [ClickID] = [], deals: [Deal] = [], contactMerges: [ContactMerge] = [],
        contactDeletions: [ContactID] = [], activities: [Activity] = [], activityDeletions: [Activity] = []
    ) {
        self.connector = connector
        self.pipelines = pipelines
        self.companies = companies
        self.contacts = contacts
        self.clickIDs = clickIDs
        self.deals = deals
        self.contactMerges = contactMerges
        self.contactDeletions = contactDeletions
        self.activities = activities
        self.activityDeletions = activityDeletions
    }

    /// Records in the batch, all kinds together.
    public var recordCount: Int {
        pipelines.count + companies.count + contacts.count + clickIDs.count + deals.count + activities.count
    }
}
