public import RevloopCore
public import RevloopStore
internal import Synchronization

/// The in-memory twin of the SQLite store: same semantics (upserts by updated-at, cursors committed with
/// their page), no file. It passes the same conformance suite as `SQLiteStore`.
public final class InMemorySnapshotStore: SnapshotStore, RunStore, IdentityLinkStore, LedgerStore, LeaseStore,
    PauseStore, AlertStore, SpendStore, ModelRegistry
{
    private struct State {
        var pipelines: [String: Pipeline] = [:]
        var companies: [String: Company] = [:]
        var contacts: [String: Contact] = [:]
        var clickIDs: [String: ClickID] = [:]
        /// By connector, contact, time and kind (the SQLite table's key).
        var activities: [String: Activity] = [:]
        var deals: [String: Deal] = [:]
        var cursors: [String: PullCursor] = [:]
        var runs: [RunRecord] = []
        var links: [String: Set<IdentityLink>] = [:]
        var persons: [String: String] = [:]
        var dirty: Set<String> = []
        var ledger: [DedupKey: LedgerEntry] = [:]
        var ledgerHistory: [DedupKey: [LedgerEvent]] = [:]
        var requestStatuses: [String: RequestStatus] = [:]
        var leases: [String: Lease] = [:]
        var pauses: [String: String] = [:]
        var alerts: [RaisedAlert] = []
        var spend: [String: SpendRow] = [:]
        var models: [String: StoredModel] = [:]

        mutating func replaceLinks(source: String, with new: [IdentityLink]) {
            let old = links[source] ?? []
            links[source] = new.isEmpty ? nil : Set(new)
            for link in old.union(new) {
                dirty.insert(link.left)
                dirty.insert(link.right)
            }
        }
    }

    private let state = Mutex(State())

    public init() {}

    private static func key(_ connector: ConnectorName, _ id: String) -> String { "\(connector.rawValue)\u{1F}\(id)" }

    public func apply(_ batch: SnapshotBatch, cursors: [PullCursor]) async throws -> ApplyOutcome {
        state.withLock { state in
            var outcome = ApplyOutcome()
            let connector = batch.connector
            func upsert<T>(_ dictionary: inout [String: T], _ key: String, _ value: T, isNewer: (T) -> Bool)
                -> RecordTally
            {
                guard let stored = dictionary[key] else {
                    dictionary[key] = value
                    return RecordTally(inserted: 1)
                }
                guard isNewer(stored) else { return RecordTally(unchanged: 1) }
                dictionary[key] = value
                return RecordTally(updated: 1)
            }
            for pipeline in batch.pipelines {
                outcome.pipelines.add(
                    upsert(&state.pipelines, Self.key(connector, pipeline.id.rawValue), pipeline) { $0 != pipeline })
            }
            for company in batch.companies {
                outcome.companies.add(
                    upsert(&state.companies, Self.key(connector, company.id.rawValue), company) {
                        $0.updatedAt < company.updatedAt
                    })
            }
            for contact in batch.contacts {
                var stored = contact
                stored.identifiers = Array(Set(contact.identifiers)).sorted {
                    ($0.kind.rawValue, $0.sha256Hex) < ($1.kind.rawValue, $1.sha256Hex)
                }
                let tally = upsert(&state.contacts, Self.key(connector, contact.id.rawValue), stored) {
                    $0.updatedAt < contact.updatedAt
                }
                outcome.contacts.add(tally)
                if tally.changed > 0 {
                    state.replaceLinks(
                        source: IdentityLink.contactSource(connector: connector, contact: contact.id),
                        with: IdentityLink.links(of: contact, connector: connector))
                }
            }
            for clickID in batch.clickIDs {
                outcome.clickIDs.add(Self.insert(clickID, connector: connector, into: &state))
            }
            for deal in batch.deals {
                outcome.deals.add(
                    upsert(&state.deals, Self.key(connector, deal.id.rawValue), deal) { $0.updatedAt < deal.updatedAt })
            }
            for activity in batch.activities {
                outcome.activities.add(Self.insert(activity, connector: connector, into: &state))
            }
            for activity in batch.activityDeletions {
                state.activities[Self.activityKey(activity, connector: connector)] = nil
            }
            for merge in batch.contactMerges where merge.loser != merge.survivor {
                Self.merge(contact: merge.loser, into: merge.survivor, connector: connector, state: &state)
            }
            for contact in batch.contactDeletions {
                Self.delete(contact: contact, connector: connector, from: &state)
            }
            for cursor in cursors { state.cursors[Self.key(cursor.connector, cursor.stream)] = cursor }
            return outcome
        }
    }

    private static func clickKey(_ click: ClickID, connector: ConnectorName) -> String {
        key(connector, "\(click.contactID)\u{1F}\(click.kind.rawValue)\u{1F}\(click.value)")
    }

    private static func insert(_ click: ClickID, connector: ConnectorName, into state: inout State) -> RecordTally {
        let key = clickKey(click, connector: connector)
        guard state.clickIDs[key] == nil else { return RecordTally(unchanged: 1) }
        state.clickIDs[key] = click
        let (source, link) = IdentityLink.link(of: click, connector: connector)
        state.replaceLinks(source: source, with: [link])
        return RecordTally(inserted: 1)
    }

    private static func activityKey(_ activity: Activity, connector: ConnectorName) -> String {
        key(
            connector,
            "\(activity.contactID)\u{1F}\(activity.occurredAt.millisecondsSinceEpoch)\u{1F}\(activity.kind.rawValue)")
    }

    private static func insert(_ activity: Activity, connector: ConnectorName, into state: inout State)
        -> RecordTally
    {
        let key = activityKey(activity, connector: connector)
        guard state.activities[key] == nil else { return RecordTally(unchanged: 1) }
        state.activities[key] = activity
        return RecordTally(inserted: 1)
    }

    private static func delete(contact id: ContactID, connector: ConnectorName, from state: inout State) {
        state.contacts[key(connector, id.rawValue)] = nil
        for (clickKey, click) in state.clickIDs where click.contactID == id && clickKey.hasPrefix(key(connector, "")) {
            state.clickIDs[clickKey] = nil
        }
        for (activityKey, activity) in state.activities
        where activity.contactID == id && activityKey.hasPrefix(key(connector, "")) {
            state.activities[activityKey] = nil
        }
        for (dealKey, var deal) in state.deals
        where dealKey.hasPrefix(key(connector, "")) && deal.contactIDs.contains(id) {
            deal.contactIDs.removeAll { $0 == id }
            state.deals[dealKey] = deal
        }
        state.replaceLinks(source: IdentityLink.contactSource(connector: connector, contact: id), with: [])
        let clickPrefix = "click:\(connector.rawValue):\(id.rawValue):"
        for source in state.links.keys where source.hasPrefix(clickPrefix) {
            state.replaceLinks(source: source, with: [])
        }
    }

    public func deleteContact(connector: ConnectorName, id: ContactID) async throws {
        state.withLock { Self.delete(contact: id, connector: connector, from: &$0) }
    }

    public func mergeContact(connector: ConnectorName, loser: ContactID, into survivor: ContactID) async throws {
        state.withLock { Self.merge(contact: loser, into: survivor, connector: connector, state: &$0) }
    }

    private static func merge(
        contact loser: ContactID, into survivor: ContactID, connector: ConnectorName, state: inout State
    ) {
        let clicks = state.clickIDs.values.filter { $0.contactID == loser }
        let activities = state.activities.filter { $0.key.hasPrefix(key(connector, "")) && $0.value.contactID == loser }
            .values
        for (dealKey, var deal) in state.deals where dealKey.hasPrefix(key(connector, "")) {
            guard deal.contactIDs.contains(loser) else { continue }
            // A deal that lists both keeps the survivor once, where it first stood.
            var seen: Set<ContactID> = []
            deal.contactIDs = deal.contactIDs.map { $0 == loser ? survivor : $0 }.filter { seen.insert($0).inserted }
            state.deals[dealKey] = deal
        }
        delete(contact: loser, connector: connector, from: &state)
        for click in clicks {
            var moved = click
            moved.contactID = survivor
            _ = insert(moved, connector: connector, into: &state)
        }
        for activity in activities {
            var moved = activity
            moved.contactID = survivor
            _ = insert(moved, connector: connector, into: &state)
        }
    }

    // MARK: IdentityLinkStore

    public func replaceIdentityLinks(source: String, with links: [IdentityLink]) async throws {
        state.withLock { $0.replaceLinks(source: source, with: links) }
    }

    public func dirtyIdentifiers(limit: Int) async throws -> [String] {
        state.withLock { Array($0.dirty.sorted().prefix(limit)) }
    }

    public func identityLinks(touching identifiers: [String]) async throws -> [IdentityLink] {
        let wanted = Set(identifiers)
        return state.withLock { state in
            var earliest: [String: IdentityLink] = [:]
            for link in state.links.values.joined() where wanted.contains(link.left) || wanted.contains(link.right) {
                let pair = "\(link.left)\u{1F}\(link.right)"
                if let seen = earliest[pair], seen.time <= link.time { continue }
                earliest[pair] = link
            }
            return Array(earliest.values)
        }
    }

    public func persons(of identifiers: [String]) async throws -> [String: String] {
        state.withLock { state in
            var result: [String: String] = [:]
            for identifier in identifiers { result[identifier] = state.persons[identifier] }
            return result
        }
    }

    public func identifiers(inPersons persons: [String]) async throws -> [String] {
        let wanted = Set(persons)
        return state.withLock { state in state.persons.filter { wanted.contains($0.value) }.map(\.key).sorted() }
    }

    public func dirtyCount() async throws -> Int { state.withLock { $0.dirty.count } }

    public func forEachIdentityLink(batchSize: Int, _ body: ([IdentityLink]) throws -> Void) async throws {
        let links = state.withLock { state in
            var earliest: [String: IdentityLink] = [:]
            for link in state.links.values.joined() {
                let pair = "\(link.left)\u{1F}\(link.right)"
                if let seen = earliest[pair], seen.time <= link.time { continue }
                earliest[pair] = link
            }
            return earliest.values.sorted { ($0.time, $0.left, $0.right) < ($1.time, $1.left, $1.right) }
        }
        for start in stride(from: 0, to: links.count, by: batchSize) {
            try body(Array(links[start..<min(start + batchSize, links.count)]))
        }
    }

    public func replaceAllPersons(batchSize: Int, _ persons: ([String]) throws -> [String: String]) async throws {
        let identifiers = state.withLock { state in
            Array(Set(state.links.values.joined().flatMap { [$0.left, $0.right] })).sorted()
        }
        var assigned: [String: String] = [:]
        for start in stride(from: 0, to: identifiers.count, by: batchSize) {
            assigned.merge(try persons(Array(identifiers[start..<min(start + batchSize, identifiers.count)]))) { $1 }
        }
        state.withLock { state in
            state.persons = assigned
            state.dirty = []
        }
    }

    public func saveResolution(_ persons: [String: String?], resolved: [String]) async throws {
        state.withLock { state in
            for (identifier, person) in persons { state.persons[identifier] = person }
            for identifier in resolved { state.dirty.remove(identifier) }
        }
    }

    public func cursor(connector: ConnectorName, stream: String) async throws -> PullCursor? {
        state.withLock { $0.cursors[Self.key(connector, stream)] }
    }

    public func cursors(connector: ConnectorName) async throws -> [String: PullCursor] {
        state.withLock { state in
            var result: [String: PullCursor] = [:]
            for cursor in state.cursors.values where cursor.connector == connector { result[cursor.stream] = cursor }
            return result
        }
    }

    public func save(cursors: [PullCursor]) async throws {
        state.withLock { state in
            for cursor in cursors { state.cursors[Self.key(cursor.connector, cursor.stream)] = cursor }
        }
    }

    public func counts() async throws -> SnapshotCounts {
        state.withLock { state in
            var counts = SnapshotCounts()
            counts.pipelines = state.pipelines.count
            counts.stages = state.pipelines.values.reduce(0) { $0 + $1.stages.count }
            counts.companies = state.companies.count
            counts.contacts = state.contacts.count
            counts.contactIdentifiers = state.contacts.values.reduce(0) { $0 + $1.identifiers.count }
            counts.clickIDs = state.clickIDs.count
            counts.activities = state.activities.count
            counts.deals = state.deals.count
            counts.deletedDeals = state.deals.values.filter(\.isDeleted).count
            counts.dealContacts = state.deals.values.reduce(0) { $0 + $1.contactIDs.count }
            counts.stageTransitions = state.deals.values.reduce(0) { $0 + $1.stageHistory.count }
            counts.amountChanges = state.deals.values.reduce(0) { $0 + $1.amountHistory.count }
            return counts
        }
    }

    public func deal(connector: ConnectorName, id: DealID) async throws -> Deal? {
        state.withLock { $0.deals[Self.key(connector, id.rawValue)] }
    }

    public func contact(connector: ConnectorName, id: ContactID) async throws -> Contact? {
        state.withLock { $0.contacts[Self.key(connector, id.rawValue)] }
    }

    public func clickIDs(connector: ConnectorName, contact: ContactID) async throws -> [ClickID] {
        state.withLock { state in
            state.clickIDs.filter { $0.key.hasPrefix(Self.key(connector, "")) && $0.value.contactID == contact }
                .map(\.value)
                .sorted { ($0.clickedAt, $0.kind.rawValue, $0.value) < ($1.clickedAt, $1.kind.rawValue, $1.value) }
        }
    }

    public func pipelines(connector: ConnectorName) async throws -> [Pipeline] {
        state.withLock { state in
            state.pipelines.filter { $0.key.hasPrefix(Self.key(connector, "")) }.map(\.value).sorted { $0.id < $1.id }
        }
    }

    public func beginRun(command: String, startedAt: Timestamp, processID: Int32?) async throws -> Int64 {
        state.withLock { state in
            let id = Int64(state.runs.count + 1)
            state.runs.append(
                RunRecord(
                    id: id, command: command, startedAt: startedAt, finishedAt: nil, status: .running, summary: [:],
                    processID: processID))
            return id
        }
    }

    public func finishRun(id: Int64, finishedAt: Timestamp, status: RunRecord.Status, summary: [String: Int])
        async throws
    {
        state.withLock { state in
            guard let index = state.runs.firstIndex(where: { $0.id == id }) else { return }
            state.runs[index].finishedAt = finishedAt
            state.runs[index].status = status
            state.runs[index].summary = summary
        }
    }

    public func recentRuns(limit: Int) async throws -> [RunRecord] {
        state.withLock { Array($0.runs.reversed().prefix(limit)) }
    }

    public func deals(connector: ConnectorName, after: DealID?, limit: Int) async throws -> [Deal] {
        state.withLock { state in
            let prefix = Self.key(connector, "")
            return state.deals.filter { $0.key.hasPrefix(prefix) && $0.value.id.rawValue > (after?.rawValue ?? "") }
                .map(\.value).sorted { $0.id.rawValue < $1.id.rawValue }.prefix(limit).map { $0 }
        }
    }

    public func contacts(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [Contact] {
        state.withLock { state in
            let prefix = Self.key(connector, "")
            return state.contacts.filter {
                $0.key.hasPrefix(prefix) && $0.value.id.rawValue > (after?.rawValue ?? "")
            }
            .map(\.value).sorted { $0.id.rawValue < $1.id.rawValue }.prefix(limit).map { $0 }
        }
    }

    public func contacts(connector: ConnectorName, ids: [ContactID]) async throws -> [Contact] {
        state.withLock { state in
            Set(ids).compactMap { state.contacts[Self.key(connector, $0.rawValue)] }.sorted {
                $0.id.rawValue < $1.id.rawValue
            }
        }
    }

    public func contactIDs(connector: ConnectorName, after: ContactID?, limit: Int) async throws -> [ContactID] {
        state.withLock { state in
            let prefix = Self.key(connector, "")
            return state.contacts.filter { $0.key.hasPrefix(prefix) && $0.value.id.rawValue > (after?.rawValue ?? "") }
                .map(\.value.id).sorted { $0.rawValue < $1.rawValue }.prefix(limit).map { $0 }
        }
    }

    public func deals(connector: ConnectorName, naming contact: ContactID) async throws -> [Deal] {
        state.withLock { state in
            let prefix = Self.key(connector, "")
            return state.deals.filter { $0.key.hasPrefix(prefix) && $0.value.contactIDs.contains(contact) }
                .map(\.value).sorted { $0.id.rawValue < $1.id.rawValue }
        }
    }

    public func clickIDs(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [ClickID]] {
        var result: [ContactID: [ClickID]] = [:]
        for contact in Set(contacts) {
            let clicks = try await clickIDs(connector: connector, contact: contact)
            if !clicks.isEmpty { result[contact] = clicks }
        }
        return result
    }

    public func companies(connector: ConnectorName, ids: [CompanyID]) async throws -> [Company] {
        state.withLock { state in
            Set(ids).compactMap { state.companies[Self.key(connector, $0.rawValue)] }.sorted {
                $0.id.rawValue < $1.id.rawValue
            }
        }
    }

    public func activities(connector: ConnectorName, contacts: [ContactID]) async throws -> [ContactID: [Activity]] {
        let wanted = Set(contacts)
        return state.withLock { state in
            var result: [ContactID: [Activity]] = [:]
            for (key, activity) in state.activities
            where wanted.contains(activity.contactID) && key.hasPrefix(Self.key(connector, "")) {
                result[activity.contactID, default: []].append(activity)
            }
            for contact in result.keys {
                result[contact]?.sort {
                    ($0.occurredAt, $0.kind.rawValue) < ($1.occurredAt, $1.kind.rawValue)
                }
            }
            return result
        }
    }

    // MARK: LedgerStore

    public func ledgerEntries() async throws -> [DedupKey: LedgerEntry] { state.withLock { $0.ledger } }

    public func ledgerEntries(connector: ConnectorName, deal: DealID) async throws -> [LedgerEntry] {
        state.withLock { state in
            state.ledger.values.filter { $0.connector == connector && $0.dealID == deal }.sorted { $0.key < $1.key }
        }
    }

    public func ledgerEntry(key: DedupKey) async throws -> LedgerEntry? { state.withLock { $0.ledger[key] } }

    public func record(_ entries: [LedgerEntry], note: String) async throws {
        state.withLock { state in
            for entry in entries {
                state.ledger[entry.key] = entry
                state.ledgerHistory[entry.key, default: []].append(
                    LedgerEvent(
                        recordedAt: entry.updatedAt, state: entry.state, value: entry.value, note: note,
                        code: entry.lastCode, requestID: entry.requestID))
            }
        }
    }

    public func ledgerCounts() async throws -> [Platform: [LedgerEntry.State: Int]] {
        state.withLock { state in
            state.ledger.values.reduce(into: [:]) { $0[$1.platform, default: [:]][$1.state, default: 0] += 1 }
        }
    }

    public func markInFlight(_ entries: [LedgerEntry]) async throws {
        state.withLock { state in
            for entry in entries { state.ledger[entry.key] = entry }
        }
    }

    public func recordRequestStatuses(_ statuses: [RequestStatus]) async throws {
        state.withLock { state in
            for status in statuses { state.requestStatuses[status.requestID] = status }
        }
    }

    public func requestStatus(id: String) async throws -> RequestStatus? {
        state.withLock { $0.requestStatuses[id] }
    }

    public func pendingRequestStatuses(platform: Platform) async throws -> [RequestStatus] {
        state.withLock { state in
            state.requestStatuses.values.filter { $0.platform == platform && $0.isPending }.sorted {
                ($0.checkedAt, $0.requestID) < ($1.checkedAt, $1.requestID)
            }
        }
    }

    public func ledgerHistory(key: DedupKey) async throws -> [LedgerEvent] {
        state.withLock { $0.ledgerHistory[key] ?? [] }
    }

    // MARK: LeaseStore

    public func acquireLease(name: String, holder: String, now: Timestamp, duration: Duration) async throws -> Lease {
        state.withLock { state in
            if let current = state.leases[name], current.holder != holder, current.expiresAt > now { return current }
            let milliseconds =
                duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
            let lease = Lease(name: name, holder: holder, expiresAt: now.adding(milliseconds: milliseconds))
            state.leases[name] = lease
            return lease
        }
    }

    public func releaseLease(name: String, holder: String) async throws {
        state.withLock { state in
            if state.leases[name]?.holder == holder { state.leases[name] = nil }
        }
    }

    public func lease(name: String) async throws -> Lease? { state.withLock { $0.leases[name] } }

    // MARK: PauseStore

    public func pause(_ target: String, reason: String, at time: Timestamp) async throws {
        state.withLock { $0.pauses[target] = reason }
    }

    @discardableResult public func resume(_ target: String) async throws -> Bool {
        state.withLock { $0.pauses.removeValue(forKey: target) != nil }
    }

    public func pauses() async throws -> [String: String] { state.withLock { $0.pauses } }

    // MARK: AlertStore

    public func recordAlerts(_ alerts: [RaisedAlert]) async throws {
        state.withLock { $0.alerts.append(contentsOf: alerts) }
    }

    public func alerts(since: Timestamp, limit: Int) async throws -> [RaisedAlert] {
        state.withLock { state in
            // Newest first; among equal times the later recorded first, as the SQLite store orders by id.
            Array(
                state.alerts.enumerated().filter { $0.element.raisedAt >= since }
                    .sorted { ($0.element.raisedAt, $0.offset) > ($1.element.raisedAt, $1.offset) }
                    .map(\.element).prefix(limit))
        }
    }

    // MARK: SpendStore

    public func saveSpend(_ rows: [SpendRow]) async throws {
        state.withLock { state in
            for row in rows { state.spend["\(row.channel)\u{0}\(row.campaign)\u{0}\(row.day)"] = row }
        }
    }

    public func spend(from: CalendarDay?, through: CalendarDay?) async throws -> [SpendRow] {
        state.withLock { state in
            state.spend.values.filter { row in
                from.map { row.day >= $0 } ?? true && through.map { row.day <= $0 } ?? true
            }.sorted { ($0.day, $0.channel, $0.campaign) < ($1.day, $1.channel, $1.campaign) }
        }
    }

    // MARK: ModelRegistry

    public func saveModel(_ model: StoredModel) async throws {
        try state.withLock { state in
            guard state.models[model.version] == nil else {
                throw StoreError(.conflict, "a model with version \(model.version) is already saved")
            }
            var saved = model
            saved.isActive = false
            saved.activatedAt = nil
            saved.stoppedReason = nil
            state.models[model.version] = saved
        }
    }

    public func models(purpose: String?) async throws -> [StoredModel] {
        state.withLock { state in
            state.models.values.filter { purpose == nil || $0.purpose == purpose }.sorted {
                ($0.trainedAt, $0.version) > ($1.trainedAt, $1.version)
            }
        }
    }

    public func model(version: String) async throws -> StoredModel? { state.withLock { $0.models[version] } }

    public func activeModel(purpose: String) async throws -> StoredModel? {
        state.withLock { state in state.models.values.first { $0.purpose == purpose && $0.isActive } }
    }

    public func activateModel(version: String, at time: Timestamp) async throws -> Bool {
        state.withLock { state in
            guard let purpose = state.models[version]?.purpose else { return false }
            for (other, model) in state.models where model.purpose == purpose && other != version {
                state.models[other]?.isActive = false
            }
            state.models[version]?.isActive = true
            state.models[version]?.activatedAt = time
            state.models[version]?.stoppedReason = nil
            return true
        }
    }

    public func stopModel(version: String, reason: String) async throws {
        state.withLock { $0.models[version]?.stoppedReason = reason }
    }
}
