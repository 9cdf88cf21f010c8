public import RevloopCore

/// What the store knows about one lead, for scoring: a person (the CRM contact records the identity graph
/// joins into one, or a single contact where it does not), their company, every activity of any of their
/// records, and the deals any of their records are on. Features are cut from it as of a moment
/// (`LeadFeatures`), never from the whole of it.
public struct LeadSnapshot: Hashable, Sendable {
    /// The identity graph's person, or the contact's own record (`crm:<connector>:<id>`) when it has none.
    public var personID: String
    /// The person's contact records, in any order; at least one.
    public var contacts: [Contact]
    /// The company of the person's earliest record that names one.
    public var company: Company?
    /// The activities of all the person's records, in any order.
    public var activities: [Activity]
    /// The deals any of the person's records are on; only their outcome and close are read.
    public var deals: [DealSnapshot]

    public init(
        personID: String, contacts: [Contact], company: Company?, activities: [Activity], deals: [DealSnapshot]
    ) {
        self.personID = personID
        self.contacts = contacts
        self.company = company
        self.activities = activities
        self.deals = deals
    }

    /// When the person became a lead: their first form submit, or else the creation of their first record.
    public var becameLeadAt: Timestamp? {
        activities.filter { $0.kind == .formSubmit }.map(\.occurredAt).min() ?? contacts.map(\.createdAt).min()
    }

    /// The closed revenue outcome the lead went on to (`LeadOutcome`): deleted deals do not count.
    public var outcome: LeadOutcome {
        let live = deals.filter { !$0.deal.isDeleted }
        let wins = live.filter { $0.closedOutcome == true }.compactMap(\.closedAt)
        if let firstWin = wins.min() { return .won(at: firstWin) }
        guard !live.isEmpty, live.allSatisfy({ $0.closedOutcome == false }) else {
            return live.isEmpty ? .censored(.noDeal) : .censored(.openDeal)
        }
        return live.compactMap(\.closedAt).max().map { .lost(at: $0) } ?? .censored(.openDeal)
    }
}
