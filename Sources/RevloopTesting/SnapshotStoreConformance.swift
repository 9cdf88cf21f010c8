public import RevloopCore
public import RevloopStore
public import Testing

/// The behaviour every `SnapshotStore` + `RunStore` must have. The SQLite store and the in-memory twin
/// both run each check (and so will a PostgreSQL store).
public enum SnapshotStoreConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case roundTripsEveryRecordKind
    case reapplyingABatchChangesNothing
    case newerRecordsReplaceOlderOnesWholly
    case olderRecordsAreIgnored
    case cursorsAreCommittedWithTheirBatch
    case connectorsAreKeptApart
    case runsAreRecordedNewestFirst
    case contactsAssertLinksThatMarkIdentifiersDirty
    case resolutionsAreSavedAndClearDirtyMarks
    case deletingAContactRetractsItsLinks
    case mergingAContactMovesItsDealsAndClicks
    case aBatchFoldsTheContactsItMerges
    case aBatchDropsTheContactsItDeletes
    case aFullRebuildReadsEveryLinkOnceInTimeOrder
    case dealsPageInIdOrderWithTheirContactsAndClicks
    case theLedgerKeepsTheLatestEntryAndEveryChange
    case aLeaseHasOneHolderUntilItExpiresOrIsReleased
    case pausesAreSetAndResumed
    case alertsAreListedNewestFirstSinceATime
    case spendIsKeptPerDayAndCampaignAndRestated
    case activitiesAndCompaniesAreReadBackAndFollowMerges
    case modelsAreVersionedWithOneActivePerPurpose

    public var testDescription: String { rawValue }

    /// Runs this check against a fresh store.
    public func run(
        on store: any SnapshotStore & RunStore & IdentityLinkStore & LedgerStore & LeaseStore & PauseStore & AlertStore
            & SpendStore & ModelRegistry
    )
        async throws
    {
        let connector = SnapshotFixtures.connector
        switch self {
        case .dealsPageInIdOrderWithTheirContactsAndClicks:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            let more = ["d-3", "d-2", "d-10"].map { SnapshotFixtures.deal($0) }
            _ = try await store.apply(SnapshotBatch(connector: connector, deals: more), cursors: [])
            let first = try await store.deals(connector: connector, after: nil, limit: 3)
            #expect(first.map(\.id.rawValue) == ["d-1", "d-10", "d-2"])
            #expect(first[0] == SnapshotFixtures.deal())
            let rest = try await store.deals(connector: connector, after: first.last?.id, limit: 3)
            #expect(rest.map(\.id.rawValue) == ["d-3"])
            #expect(try await store.deals(connector: "other", after: nil, limit: 3).isEmpty)
            let contacts = try await store.contacts(connector: connector, ids: ["ct-1", "ct-missing"])
            #expect(contacts == [SnapshotFixtures.contact()])
            // Every contact pages out in id order, deals or not.
            var paged: [Contact] = []
            var after: ContactID?
            while true {
                let page = try await store.contacts(connector: connector, after: after, limit: 1)
                guard let last = page.last else { break }
                paged += page
                after = last.id
            }
            let everyContact = try await store.contacts(
                connector: connector, ids: paged.map(\.id) + [SnapshotFixtures.contact().id])
            #expect(!paged.isEmpty && paged == everyContact)
            #expect(paged.map(\.id.rawValue) == paged.map(\.id.rawValue).sorted())
            #expect(try await store.contacts(connector: "other", after: nil, limit: 3).isEmpty)
            let clicks = try await store.clickIDs(connector: connector, contacts: ["ct-1", "ct-missing"])
            #expect(clicks == ["ct-1": [SnapshotFixtures.clickID()]])

        case .modelsAreVersionedWithOneActivePerPurpose:
            func model(_ version: String, purpose: String = "deal_win", day: Int64) -> StoredModel {
                StoredModel(
                    version: version, purpose: purpose, kind: "logistic",
                    trainedAt: Timestamp(millisecondsSinceEpoch: day * 86_400_000),
                    windowStart: Timestamp(millisecondsSinceEpoch: (day - 365) * 86_400_000),
                    windowEnd: Timestamp(millisecondsSinceEpoch: day * 86_400_000), fingerprint: "f-\(version)",
                    rows: 1_200, metrics: ["auc": 0.78, "ece": 0.012], document: #"{"kind":"logistic"}"#)
            }
            let first = model("deal-win-1", day: 20_000)
            let second = model("deal-win-2", day: 20_030)
            let lead = model("lead-1", purpose: "lead_conversion", day: 20_010)
            for saved in [first, second, lead] { try await store.saveModel(saved) }
            await #expect(throws: StoreError.self) { try await store.saveModel(first) }
            #expect(try await store.models(purpose: "deal_win").map(\.version) == ["deal-win-2", "deal-win-1"])
            #expect(try await store.models(purpose: nil).count == 3)
            #expect(try await store.model(version: "deal-win-1") == first)
            #expect(try await store.activeModel(purpose: "deal_win") == nil)
            let now = Timestamp(millisecondsSinceEpoch: 20_031 * 86_400_000)
            #expect(try await store.activateModel(version: "deal-win-1", at: now))
            #expect(try await store.activateModel(version: "lead-1", at: now))
            #expect(try await !store.activateModel(version: "missing", at: now))
            try await store.stopModel(version: "deal-win-1", reason: "calibration drift: ECE 0.051 > 0.030")
            let stopped = try await store.activeModel(purpose: "deal_win")
            #expect(stopped?.version == "deal-win-1" && stopped?.stoppedReason?.hasPrefix("calibration") == true)
            #expect(stopped?.activatedAt == now)
            // Activating another deactivates the first, and a model activated again is no longer stopped.
            #expect(try await store.activateModel(version: "deal-win-2", at: now))
            #expect(try await store.activeModel(purpose: "deal_win")?.version == "deal-win-2")
            #expect(try await store.model(version: "deal-win-1")?.isActive == false)
            #expect(try await store.activeModel(purpose: "lead_conversion")?.version == "lead-1")
            #expect(try await store.activateModel(version: "deal-win-1", at: now))
            #expect(try await store.activeModel(purpose: "deal_win")?.stoppedReason == nil)

        case .activitiesAndCompaniesAreReadBackAndFollowMerges:
            let hour: Int64 = 3_600_000
            func activity(_ contact: ContactID, _ kind: ActivityKind, hours: Int64, depth: Int? = nil) -> Activity {
                Activity(
                    contactID: contact, kind: kind,
                    occurredAt: Timestamp(millisecondsSinceEpoch: 1_790_000_000_000 + hours * hour), depth: depth,
                    channel: kind == .formSubmit ? "paid_social" : nil, campaign: kind == .formSubmit ? "q4-abm" : nil,
                    referrer: kind == .formSubmit ? "linkedin.com" : nil)
            }
            var company = SnapshotFixtures.fullBatch().companies[0]
            company.revenueBand = "10M-100M"
            let activities = [
                activity("ct-1", .pageView, hours: 2, depth: 4), activity("ct-1", .formSubmit, hours: 1),
                activity("ct-2", .meetingBooked, hours: 3),
            ]
            var batch = SnapshotFixtures.fullBatch()
            batch.companies = [company]
            batch.activities = activities
            _ = try await store.apply(
                SnapshotBatch(connector: connector, contacts: [SnapshotFixtures.contact("ct-2", updatedHours: 3)]),
                cursors: [])
            let first = try await store.apply(batch, cursors: [])
            #expect(first.activities == RecordTally(inserted: 3))
            // Read again (a resumed pull), nothing doubles.
            #expect(try await store.apply(batch, cursors: []).activities == RecordTally(unchanged: 3))
            #expect(try await store.counts().activities == 3)
            #expect(try await store.companies(connector: connector, ids: [company.id, "co-missing"]) == [company])
            let read = try await store.activities(connector: connector, contacts: ["ct-1", "ct-missing"])
            #expect(read == ["ct-1": [activities[1], activities[0]]])
            #expect(try await store.activities(connector: "other", contacts: ["ct-1"]).isEmpty)
            // An activity the CRM deleted goes by its key (contact, kind, time), and only from its connector.
            let deleted = activity("ct-2", .meetingBooked, hours: 3)
            _ = try await store.apply(SnapshotBatch(connector: "other", activityDeletions: [deleted]), cursors: [])
            #expect(try await store.counts().activities == 3)
            for _ in 0..<2 {
                _ = try await store.apply(
                    SnapshotBatch(connector: connector, activityDeletions: [deleted]), cursors: [])
                #expect(try await store.counts().activities == 2)
            }
            #expect(try await store.apply(batch, cursors: []).activities == RecordTally(inserted: 1, unchanged: 2))
            // A merge moves the loser's activities to the survivor; a deletion drops them.
            _ = try await store.apply(
                SnapshotBatch(connector: connector, contactMerges: [ContactMerge(loser: "ct-1", survivor: "ct-2")]),
                cursors: [])
            let merged = try await store.activities(connector: connector, contacts: ["ct-1", "ct-2"])
            #expect(merged["ct-1"] == nil)
            #expect(merged["ct-2"]?.map(\.kind) == [.formSubmit, .pageView, .meetingBooked])
            #expect(merged["ct-2"]?.allSatisfy { $0.contactID == "ct-2" } == true)
            try await store.deleteContact(connector: connector, id: "ct-2")
            #expect(try await store.counts().activities == 0)

        case .spendIsKeptPerDayAndCampaignAndRestated:
            // The campaign's id where the platform gives one (here: Google's), kept beside its name.
            func row(_ day: Int64, _ channel: String, _ campaign: String, _ minor: Int64) -> SpendRow {
                SpendRow(
                    day: CalendarDay(daysSinceEpoch: day), channel: channel, campaign: campaign,
                    spend: Money(minorUnits: minor, currency: .usd), impressions: minor * 10, clicks: minor / 10,
                    campaignID: channel == "google" ? "id-\(campaign)" : nil)
            }
            try await store.saveSpend([row(2, "meta", "b", 100), row(1, "meta", "a", 50), row(2, "google", "z", 70)])
            // A day pulled again is restated, not added.
            try await store.saveSpend([row(2, "meta", "b", 120)])
            let all = try await store.spend(from: nil, through: nil)
            #expect(all == [row(1, "meta", "a", 50), row(2, "google", "z", 70), row(2, "meta", "b", 120)])
            let second = try await store.spend(
                from: CalendarDay(daysSinceEpoch: 2), through: CalendarDay(daysSinceEpoch: 2))
            #expect(second.map(\.campaign) == ["z", "b"])

        case .alertsAreListedNewestFirstSinceATime:
            func alert(_ kind: String, at milliseconds: Int64, run: Int64? = nil) -> RaisedAlert {
                RaisedAlert(
                    kind: kind, target: "meta", text: "meta: \(kind)",
                    raisedAt: Timestamp(millisecondsSinceEpoch: milliseconds), runID: run)
            }
            #expect(try await store.alerts(since: Timestamp(millisecondsSinceEpoch: 0), limit: 10).isEmpty)
            try await store.recordAlerts([alert("a", at: 1_000, run: 1), alert("b", at: 3_000)])
            try await store.recordAlerts([alert("c", at: 2_000, run: 2), alert("d", at: 3_000, run: 3)])
            let all = try await store.alerts(since: Timestamp(millisecondsSinceEpoch: 0), limit: 10)
            #expect(all.map(\.kind) == ["d", "b", "c", "a"])
            #expect(all.last == alert("a", at: 1_000, run: 1))
            let recent = try await store.alerts(since: Timestamp(millisecondsSinceEpoch: 2_000), limit: 2)
            #expect(recent.map(\.kind) == ["d", "b"])
        case .aBatchFoldsTheContactsItMerges:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            _ = try await store.apply(
                SnapshotBatch(connector: connector, contacts: [SnapshotFixtures.contact("ct-2", updatedHours: 3)]),
                cursors: [])
            let cursor = PullCursor(connector: connector, stream: "contacts", value: "after-merge")
            let merges = [ContactMerge(loser: "ct-1", survivor: "ct-2")]
            _ = try await store.apply(SnapshotBatch(connector: connector, contactMerges: merges), cursors: [cursor])
            #expect(try await store.contact(connector: connector, id: "ct-1") == nil)
            // d-1 listed both: it keeps the survivor once.
            #expect(try await store.deal(connector: connector, id: "d-1")?.contactIDs == ["ct-2"])
            #expect(try await store.deals(connector: connector, naming: "ct-1").isEmpty)
            #expect(try await store.deals(connector: connector, naming: "ct-2").map(\.id) == ["d-1"])
            #expect(try await store.contactIDs(connector: connector, after: nil, limit: 10) == ["ct-2"])
            #expect(try await store.clickIDs(connector: connector, contact: "ct-2").map(\.value) == ["Cj0KCQabc"])
            #expect(try await store.cursor(connector: connector, stream: "contacts") == cursor)
            // Seen again (a look-back re-read), the merge changes nothing.
            _ = try await store.apply(SnapshotBatch(connector: connector, contactMerges: merges), cursors: [])
            #expect(try await store.clickIDs(connector: connector, contact: "ct-2").count == 1)

        case .aBatchDropsTheContactsItDeletes:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            let cursor = PullCursor(connector: connector, stream: "contacts", value: "after-deletion")
            let deletion = SnapshotBatch(connector: connector, contactDeletions: ["ct-1", "ct-never-stored"])
            _ = try await store.apply(deletion, cursors: [cursor])
            #expect(try await store.contact(connector: connector, id: "ct-1") == nil)
            #expect(try await store.clickIDs(connector: connector, contact: "ct-1").isEmpty)
            #expect(try await store.identityLinks(touching: ["crm:fixture:ct-1"]).isEmpty)
            #expect(try await store.deal(connector: connector, id: "d-1")?.contactIDs == ["ct-2"])
            #expect(try await store.cursor(connector: connector, stream: "contacts") == cursor)
            // Seen again (a look-back re-read, a resumed pull), the deletion changes nothing.
            let counts = try await store.counts()
            _ = try await store.apply(deletion, cursors: [])
            #expect(try await store.counts() == counts)

        case .pausesAreSetAndResumed:
            let time = Timestamp(millisecondsSinceEpoch: 5_000)
            try await store.pause("meta", reason: "by ops: values look wrong", at: time)
            try await store.pause("google/google-closed-won", reason: "audit", at: time)
            try await store.pause("meta", reason: "again", at: time)
            #expect(try await store.pauses() == ["meta": "again", "google/google-closed-won": "audit"])
            #expect(try await store.resume("meta"))
            #expect(try await store.resume("meta") == false)
            #expect(try await store.pauses() == ["google/google-closed-won": "audit"])

        case .aLeaseHasOneHolderUntilItExpiresOrIsReleased:
            let start = Timestamp(millisecondsSinceEpoch: 1_000_000)
            let first = try await store.acquireLease(name: "schedule", holder: "a", now: start, duration: .seconds(60))
            #expect(first == Lease(name: "schedule", holder: "a", expiresAt: start.adding(milliseconds: 60_000)))
            // Another holder is refused while the lease lives, and told who has it until when.
            let refused = try await store.acquireLease(
                name: "schedule", holder: "b", now: start.adding(milliseconds: 59_999), duration: .seconds(60))
            #expect(refused == first)
            // The holder renews; once it stops renewing, the lease expires and the other takes it.
            let renewed = try await store.acquireLease(
                name: "schedule", holder: "a", now: start.adding(milliseconds: 30_000), duration: .seconds(60))
            #expect(renewed.expiresAt == start.adding(milliseconds: 90_000))
            let taken = try await store.acquireLease(
                name: "schedule", holder: "b", now: start.adding(milliseconds: 90_000), duration: .seconds(60))
            #expect(taken.holder == "b")
            // Releasing is the holder's alone; then anyone may take it at once.
            try await store.releaseLease(name: "schedule", holder: "a")
            #expect(try await store.lease(name: "schedule")?.holder == "b")
            try await store.releaseLease(name: "schedule", holder: "b")
            #expect(try await store.lease(name: "schedule") == nil)
            #expect(
                try await store.acquireLease(
                    name: "schedule", holder: "a", now: start.adding(milliseconds: 91_000), duration: .seconds(1)
                ).holder == "a")

        case .theLedgerKeepsTheLatestEntryAndEveryChange:
            let key = DedupKey(rawValue: "rl1-0123456789abcdef0123456789abcdef")
            let sent = LedgerEntry(
                key: key, platform: .googleDataManager, goal: "g", connector: connector, dealID: "d-1",
                stageID: "won", state: .accepted, value: Money(minorUnits: 1_250_000, currency: .usd),
                updatedAt: Timestamp(millisecondsSinceEpoch: 1_000))
            try await store.record([sent], note: "upload")
            var restated = sent
            restated.state = .restated
            restated.value = Money(minorUnits: 1_500_000, currency: .usd)
            restated.updatedAt = Timestamp(millisecondsSinceEpoch: 2_000)
            restated.attempts = 2
            restated.lastCode = "HTTP_503"
            restated.requestID = "req-7"
            restated.heldBefore = sent.value
            try await store.record([restated], note: "restate")
            #expect(try await store.ledgerEntry(key: key) == restated)
            #expect(try await store.ledgerEntry(key: DedupKey(rawValue: "rl1-missing")) == nil)
            #expect(try await store.ledgerEntries() == [key: restated])
            #expect(try await store.ledgerEntries(connector: connector, deal: "d-1") == [restated])
            #expect(try await store.ledgerEntries(connector: connector, deal: "d-2").isEmpty)
            let history = try await store.ledgerHistory(key: key)
            #expect(history.map(\.note) == ["upload", "restate"])
            #expect(history.map(\.value.minorUnits) == [1_250_000, 1_500_000])
            #expect(history.map(\.state) == [.accepted, .restated])
            #expect(history.map(\.code) == [nil, "HTTP_503"] && history.map(\.requestID) == [nil, "req-7"])
            // The in-flight mark changes the entry and adds no history row.
            var sending = restated
            sending.state = .sending
            sending.attempts = 3
            try await store.markInFlight([sending])
            #expect(try await store.ledgerEntry(key: key) == sending)
            #expect(try await store.ledgerCounts() == [.googleDataManager: [.sending: 1]])
            #expect(try await store.ledgerHistory(key: key).count == 2)
            // Request statuses: upserted by id; the pending ones listed per platform, oldest first.
            let processing = RequestStatus(
                requestID: "req-7", platform: .googleDataManager, state: "PROCESSING", records: 0, errors: [:],
                checkedAt: Timestamp(millisecondsSinceEpoch: 3_000))
            var done = processing
            done.requestID = "req-6"
            done.state = "PARTIAL_SUCCESS"
            done.records = 2_000
            done.errors = ["DUPLICATE_TRANSACTION_ID": 3, "EVENT_TOO_OLD": 1]
            try await store.recordRequestStatuses([processing, done])
            #expect(try await store.requestStatus(id: "req-6") == done)
            #expect(try await store.pendingRequestStatuses(platform: .googleDataManager) == [processing])
            #expect(try await store.pendingRequestStatuses(platform: .meta).isEmpty)
            var finished = processing
            finished.state = "SUCCESS"
            try await store.recordRequestStatuses([finished])
            #expect(try await store.pendingRequestStatuses(platform: .googleDataManager).isEmpty)

        case .roundTripsEveryRecordKind:
            let outcome = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            #expect(outcome.total == RecordTally(inserted: 5))
            #expect(try await store.deal(connector: connector, id: "d-1") == SnapshotFixtures.deal())
            #expect(try await store.contact(connector: connector, id: "ct-1") == SnapshotFixtures.contact())
            #expect(try await store.clickIDs(connector: connector, contact: "ct-1") == [SnapshotFixtures.clickID()])
            #expect(try await store.pipelines(connector: connector) == [SnapshotFixtures.pipeline])
            let counts = try await store.counts()
            #expect(counts.deals == 1 && counts.contacts == 1 && counts.companies == 1 && counts.clickIDs == 1)
            #expect(counts.stageTransitions == 2 && counts.dealContacts == 2 && counts.contactIdentifiers == 2)
            #expect(counts.stages == 3 && counts.amountChanges == 1)

        case .reapplyingABatchChangesNothing:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            let before = try await store.counts()
            let again = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            #expect(again.total == RecordTally(unchanged: 5))
            #expect(try await store.counts() == before)

        case .newerRecordsReplaceOlderOnesWholly:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            let reopened = SnapshotFixtures.deal(
                updatedHours: 9, stages: ["qualified", "won", "qualified"], amount: 900_000)
            let outcome = try await store.apply(SnapshotBatch(connector: connector, deals: [reopened]), cursors: [])
            #expect(outcome.deals == RecordTally(updated: 1))
            #expect(try await store.deal(connector: connector, id: "d-1") == reopened)
            #expect(try await store.counts().stageTransitions == 3)
            let rehashed = SnapshotFixtures.contact(updatedHours: 9, emailHash: String(repeating: "c", count: 64))
            _ = try await store.apply(SnapshotBatch(connector: connector, contacts: [rehashed]), cursors: [])
            #expect(try await store.contact(connector: connector, id: "ct-1") == rehashed)
            #expect(try await store.counts().contactIdentifiers == 2)

        case .olderRecordsAreIgnored:
            let newer = SnapshotFixtures.deal(updatedHours: 9, stages: ["qualified"])
            _ = try await store.apply(SnapshotBatch(connector: connector, deals: [newer]), cursors: [])
            let outcome = try await store.apply(
                SnapshotBatch(connector: connector, deals: [SnapshotFixtures.deal()]), cursors: [])
            #expect(outcome.deals == RecordTally(unchanged: 1))
            #expect(try await store.deal(connector: connector, id: "d-1") == newer)

        case .cursorsAreCommittedWithTheirBatch:
            let first = PullCursor(connector: connector, stream: "deals", value: "offset=10")
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [first])
            #expect(try await store.cursor(connector: connector, stream: "deals") == first)
            let moved = PullCursor(connector: connector, stream: "deals", value: "offset=20")
            try await store.save(cursors: [moved, PullCursor(connector: "other", stream: "deals", value: "x")])
            #expect(try await store.cursors(connector: connector) == ["deals": moved])
            #expect(try await store.cursor(connector: connector, stream: "contacts") == nil)

        case .connectorsAreKeptApart:
            _ = try await store.apply(SnapshotFixtures.fullBatch(connector: "hubspot"), cursors: [])
            let outcome = try await store.apply(SnapshotFixtures.fullBatch(connector: "salesforce"), cursors: [])
            #expect(outcome.total == RecordTally(inserted: 5))
            #expect(try await store.counts().deals == 2)
            #expect(try await store.deal(connector: "hubspot", id: "d-1") != nil)
            #expect(try await store.deal(connector: connector, id: "d-1") == nil)

        case .runsAreRecordedNewestFirst:
            let first = try await store.beginRun(
                command: "pull", startedAt: SnapshotFixtures.at(hours: 1), processID: 41)
            let second = try await store.beginRun(
                command: "pull", startedAt: SnapshotFixtures.at(hours: 2), processID: nil)
            try await store.finishRun(
                id: first, finishedAt: SnapshotFixtures.at(hours: 3), status: .succeeded, summary: ["deals.inserted": 3]
            )
            let runs = try await store.recentRuns(limit: 10)
            #expect(runs.map(\.id) == [second, first])
            #expect(runs.last?.status == .succeeded)
            #expect(runs.last?.summary == ["deals.inserted": 3])
            #expect(runs.first?.status == .running && runs.first?.finishedAt == nil)
            #expect(runs.map(\.processID) == [nil, 41])

        case .contactsAssertLinksThatMarkIdentifiersDirty:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            let record = "crm:fixture:ct-1"
            let links = try await store.identityLinks(touching: [record])
            let email = "email:" + String(repeating: "a", count: 64)
            let phone = "phone:" + String(repeating: "b", count: 64)
            #expect(
                Set(links.map { [$0.left, $0.right].first { $0 != record } ?? "" }) == [
                    email, phone, "gclid:Cj0KCQabc",
                ])
            #expect(Set(try await store.dirtyIdentifiers(limit: 10)) == [record, email, phone, "gclid:Cj0KCQabc"])
            // Re-applying the same records asserts nothing new.
            try await store.saveResolution([:], resolved: [record, email, phone, "gclid:Cj0KCQabc"])
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            #expect(try await store.dirtyIdentifiers(limit: 10).isEmpty)

        case .resolutionsAreSavedAndClearDirtyMarks:
            let at = SnapshotFixtures.at(hours: 1)
            try await store.replaceIdentityLinks(source: "log", with: [IdentityLink("cookie:a", "email:x", time: at)])
            try await store.saveResolution(["cookie:a": "p-1", "email:x": "p-1"], resolved: ["cookie:a"])
            #expect(try await store.dirtyIdentifiers(limit: 10) == ["email:x"])
            #expect(try await store.persons(of: ["cookie:a", "cookie:zzz"]) == ["cookie:a": "p-1"])
            #expect(try await store.identifiers(inPersons: ["p-1"]) == ["cookie:a", "email:x"])
            try await store.saveResolution(["email:x": String?.none], resolved: ["email:x"])
            #expect(try await store.identifiers(inPersons: ["p-1"]) == ["cookie:a"])
            try await store.replaceIdentityLinks(source: "log", with: [])
            #expect(try await store.identityLinks(touching: ["cookie:a"]).isEmpty)
            #expect(Set(try await store.dirtyIdentifiers(limit: 10)) == ["cookie:a", "email:x"])

        case .deletingAContactRetractsItsLinks:
            _ = try await store.apply(SnapshotFixtures.fullBatch(), cursors: [])
            try await store.saveResolution([:], resolved: try await store.dirtyIdentifiers(limit: 10))
            try await store.deleteContact(connector: connector, id: "ct-1")
            #expect(try await store.contact(connector: connector, id: "ct-1") == nil)
            #expect(try await store.clickIDs(connector: connector, contact: "ct-1").isEmpty)
            #expect(try await store.identityLinks(touching: ["crm:fixture:ct-1"]).isEmpty)
            #expect(try await store.dirtyIdentifiers(limit: 10).contains("crm:fixture:ct-1"))
            #expect(try await store.deal(connector: connector, id: "d-1")?.contactIDs == ["ct-2"])

        case .mergingAContactMovesItsDealsAndClicks:
            var batch = SnapshotFixtures.fullBatch()
            batch.contacts.append(SnapshotFixtures.contact("ct-2", emailHash: String(repeating: "c", count: 64)))
            _ = try await store.apply(batch, cursors: [])
            try await store.mergeContact(connector: connector, loser: "ct-1", into: "ct-2")
            #expect(try await store.contact(connector: connector, id: "ct-1") == nil)
            // d-1 listed both: it keeps the survivor once.
            #expect(try await store.deal(connector: connector, id: "d-1")?.contactIDs == ["ct-2"])
            #expect(try await store.clickIDs(connector: connector, contact: "ct-2").map(\.value) == ["Cj0KCQabc"])
            let links = try await store.identityLinks(touching: ["gclid:Cj0KCQabc"])
            #expect(links.map { [$0.left, $0.right].contains("crm:fixture:ct-2") } == [true])

        case .aFullRebuildReadsEveryLinkOnceInTimeOrder:
            try await store.replaceIdentityLinks(
                source: "a",
                with: [
                    IdentityLink("cookie:b", "email:y", time: SnapshotFixtures.at(hours: 3)),
                    IdentityLink("cookie:a", "email:x", time: SnapshotFixtures.at(hours: 2)),
                ])
            try await store.replaceIdentityLinks(
                source: "b", with: [IdentityLink("email:x", "cookie:a", time: SnapshotFixtures.at(hours: 1))])
            #expect(try await store.dirtyCount() == 4)
            var seen: [IdentityLink] = []
            try await store.forEachIdentityLink(batchSize: 1) { seen += $0 }
            #expect(
                seen == [
                    IdentityLink("cookie:a", "email:x", time: SnapshotFixtures.at(hours: 1)),
                    IdentityLink("cookie:b", "email:y", time: SnapshotFixtures.at(hours: 3)),
                ])
            try await store.replaceAllPersons(batchSize: 3) { identifiers in
                Dictionary(
                    uniqueKeysWithValues: identifiers.map {
                        ($0, $0.hasSuffix("a") || $0.hasSuffix("x") ? "p-1" : "p-2")
                    })
            }
            #expect(try await store.dirtyCount() == 0)
            #expect(try await store.identifiers(inPersons: ["p-1"]) == ["cookie:a", "email:x"])
            #expect(try await store.identifiers(inPersons: ["p-2"]) == ["cookie:b", "email:y"])
        }
    }
}
