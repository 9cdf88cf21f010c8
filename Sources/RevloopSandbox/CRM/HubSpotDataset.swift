public import RevloopCore

/// What the HubSpot emulator serves: deals (live and archived) in id order, contacts, the deal-to-contact
/// associations, the deal pipelines, and the engagements (meetings, calls, emails) with their contacts.
public struct HubSpotDataset: Sendable {
    /// Every deal, archived ones included, in id order.
    public var deals: [HubSpotRecord]
    /// Every contact, in id order.
    public var contacts: [HubSpotRecord]
    /// Deal id to its contacts' ids, the primary one first.
    public var associations: [Int64: [Int64]]
    public var pipelines: [Pipeline]
    public var engagements: HubSpotEngagements

    public init(
        deals: [HubSpotRecord], contacts: [HubSpotRecord], associations: [Int64: [Int64]], pipelines: [Pipeline],
        engagements: HubSpotEngagements = HubSpotEngagements()
    ) {
        self.deals = deals.sorted { $0.id < $1.id }
        self.contacts = contacts.sorted { $0.id < $1.id }
        self.associations = associations
        self.pipelines = pipelines
        self.engagements = engagements
    }

    /// The index of the record with `id` in an id-ordered list.
    static func index(of id: Int64, in records: [HubSpotRecord]) -> Int? {
        let start = firstIndex(atLeast: id, in: records)
        return start < records.count && records[start].id == id ? start : nil
    }

    /// The first index whose record's id is `id` or more (binary search).
    static func firstIndex(atLeast id: Int64, in records: [HubSpotRecord]) -> Int {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if records[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Live (not archived) deals.
    public var liveDealCount: Int { deals.count { $0.archivedAt == nil } }
}
