/// What applying one batch changed, per kind of record.
public struct ApplyOutcome: Hashable, Sendable, Codable {
    public var pipelines = RecordTally()
    public var companies = RecordTally()
    public var contacts = RecordTally()
    public var clickIDs = RecordTally()
    public var deals = RecordTally()
    public var activities = RecordTally()

    public init() {}

    /// Adds another outcome's tallies to this one.
    public mutating func add(_ other: ApplyOutcome) {
        pipelines.add(other.pipelines)
        companies.add(other.companies)
        contacts.add(other.contacts)
        clickIDs.add(other.clickIDs)
        deals.add(other.deals)
        activities.add(other.activities)
    }

    /// All kinds together.
    public var total: RecordTally {
        var total = RecordTally()
        for tally in [pipelines, companies, contacts, clickIDs, deals, activities] { total.add(tally) }
        return total
    }
}

/// Records inserted, updated (a newer version replaced the stored one) and unchanged.
public struct RecordTally: Hashable, Sendable, Codable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public mutating func add(_ other: RecordTally) {
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
    }

    /// Inserted plus updated: what was new to the store.
    public var changed: Int { inserted + updated }
}
