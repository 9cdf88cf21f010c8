internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// Reads leads from the store: every contact of every connector, joined into persons through the identity
/// graph where the store keeps one (a contact without a person, or a store without a graph, is a lead of its
/// own), with their company, their activities and the deals they are on.
enum LeadSnapshots {
    /// A contact as the identity graph names its record.
    struct Record: Hashable {
        var connector: ConnectorName
        var contact: ContactID
        var identifier: String { "crm:\(connector.rawValue):\(contact.rawValue)" }

        /// `crm:<connector>:<contact>`, or `nil` for any other identifier.
        init?(identifier: String) {
            guard identifier.hasPrefix("crm:") else { return nil }
            let rest = identifier.dropFirst(4)
            guard let colon = rest.firstIndex(of: ":"), colon != rest.startIndex else { return nil }
            connector = ConnectorName(String(rest[..<colon]))
            contact = ContactID(String(rest[rest.index(after: colon)...]))
        }

        init(connector: ConnectorName, contact: ContactID) {
            self.connector = connector
            self.contact = contact
        }
    }

    /// Every lead, `batchSize` persons at a time (contacts and deals are read whole first: a person's records
    /// can sit on any page; activities and companies are read per batch).
    static func forEachBatch(
        store: any SnapshotStore, connectors: [ConnectorConfig], batchSize: Int = 1_000,
        _ body: ([LeadSnapshot]) throws -> Void
    ) async throws {
        var contacts: [Record: Contact] = [:]
        var deals: [Record: [(key: String, snapshot: DealSnapshot)]] = [:]
        for connector in connectors {
            let pipelines = Dictionary(
                try await store.pipelines(connector: connector.name).map { ($0.id, $0) },
                uniquingKeysWith: { a, _ in a })
            var afterDeal: DealID?
            while true {
                let page = try await store.deals(connector: connector.name, after: afterDeal, limit: 2_000)
                guard let last = page.last else { break }
                afterDeal = last.id
                for deal in page {
                    // Only the outcome is read: no company or activities needed.
                    let snapshot = DealSnapshot(
                        deal: deal, pipeline: pipelines[deal.pipelineID], company: nil, activities: [])
                    for contact in Set(deal.contactIDs) {
                        deals[Record(connector: connector.name, contact: contact), default: []].append(
                            ("\(connector.name.rawValue)/\(deal.id.rawValue)", snapshot))
                    }
                }
            }
            var afterContact: ContactID?
            while true {
                let page = try await store.contacts(connector: connector.name, after: afterContact, limit: 2_000)
                guard let last = page.last else { break }
                afterContact = last.id
                for contact in page { contacts[Record(connector: connector.name, contact: contact.id)] = contact }
            }
        }
        let records = contacts.keys.sorted {
            ($0.connector.rawValue, $0.contact.rawValue) < ($1.connector.rawValue, $1.contact.rawValue)
        }
        let persons = try await Self.persons(of: records, store: store)
        var groups: [String: [Record]] = [:]
        for record in records { groups[persons[record] ?? record.identifier, default: []].append(record) }
        let people = groups.keys.sorted()
        for start in stride(from: 0, to: people.count, by: batchSize) {
            let batch = people[start..<min(start + batchSize, people.count)]
            let members = batch.flatMap { groups[$0] ?? [] }
            let (companies, activities) = try await Self.companiesAndActivities(
                of: members.compactMap { contacts[$0] }, records: members, store: store)
            try body(
                batch.map { person in
                    let own = groups[person] ?? []
                    return Self.snapshot(
                        person: person, records: own, contacts: contacts, companies: companies,
                        activities: activities, deals: own.flatMap { deals[$0] ?? [] })
                })
        }
    }

    /// The lead a contact belongs to (its person's every record), without deals: enough to score it.
    static func lead(connector: ConnectorName, contact: ContactID, store: any SnapshotStore) async throws
        -> LeadSnapshot?
    {
        let own = Record(connector: connector, contact: contact)
        var records = [own]
        var person = own.identifier
        if let graph = store as? any IdentityLinkStore,
            let found = try await graph.persons(of: [own.identifier])[own.identifier]
        {
            person = found
            records = try await graph.identifiers(inPersons: [found]).compactMap(Record.init(identifier:))
            if !records.contains(own) { records.append(own) }
        }
        var contacts: [Record: Contact] = [:]
        for (connector, ids) in Dictionary(grouping: records, by: \.connector) {
            for found in try await store.contacts(connector: connector, ids: ids.map(\.contact)) {
                contacts[Record(connector: connector, contact: found.id)] = found
            }
        }
        guard contacts[own] != nil else { return nil }
        let present = records.filter { contacts[$0] != nil }
        let (companies, activities) = try await companiesAndActivities(
            of: present.compactMap { contacts[$0] }, records: present, store: store)
        return snapshot(
            person: person, records: present, contacts: contacts, companies: companies, activities: activities,
            deals: [])
    }

    /// The identity graph's person of each record that has one (none when the store keeps no graph).
    private static func persons(of records: [Record], store: any SnapshotStore) async throws -> [Record: String] {
        guard let graph = store as? any IdentityLinkStore else { return [:] }
        var persons: [Record: String] = [:]
        for start in stride(from: 0, to: records.count, by: 2_000) {
            let chunk = records[start..<min(start + 2_000, records.count)]
            let found = try await graph.persons(of: chunk.map(\.identifier))
            for record in chunk { persons[record] = found[record.identifier] }
        }
        return persons
    }

    private static func companiesAndActivities(of contacts: [Contact], records: [Record], store: any SnapshotStore)
        async throws -> (companies: [Record: Company], activities: [Record: [Activity]])
    {
        var companies: [Record: Company] = [:]
        var activities: [Record: [Activity]] = [:]
        let byConnector = Dictionary(grouping: zip(records, contacts), by: { $0.0.connector })
        for (connector, pairs) in byConnector {
            let found = Dictionary(
                try await store.companies(connector: connector, ids: Array(Set(pairs.compactMap(\.1.companyID))))
                    .map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let engaged = try await store.activities(connector: connector, contacts: pairs.map(\.1.id))
            for (record, contact) in pairs {
                companies[record] = contact.companyID.flatMap { found[$0] }
                activities[record] = engaged[contact.id] ?? []
            }
        }
        return (companies, activities)
    }

    private static func snapshot(
        person: String, records: [Record], contacts: [Record: Contact], companies: [Record: Company],
        activities: [Record: [Activity]], deals: [(key: String, snapshot: DealSnapshot)]
    ) -> LeadSnapshot {
        // The earliest record first: its company is the person's (a later record at another company is a job
        // change the lead did not have yet).
        let ordered = records.filter { contacts[$0] != nil }.sorted {
            (contacts[$0]?.createdAt ?? Timestamp(millisecondsSinceEpoch: 0), $0.identifier)
                < (contacts[$1]?.createdAt ?? Timestamp(millisecondsSinceEpoch: 0), $1.identifier)
        }
        var seenDeals = Set<String>()
        return LeadSnapshot(
            personID: person, contacts: ordered.compactMap { contacts[$0] },
            company: ordered.lazy.compactMap { companies[$0] }.first,
            activities: ordered.flatMap { activities[$0] ?? [] },
            // A deal two of the person's records are on counts once.
            deals: deals.filter { seenDeals.insert($0.key).inserted }.map(\.snapshot))
    }
}
