import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopIdentity
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

@Suite struct SalesforceSourceTests {
    private func pull(
        _ source: SalesforceSource, into store: InMemorySnapshotStore, asOf: Timestamp = SalesforceHarness.asOf
    ) async throws -> CRMSourceConformance.PullTally {
        try await CRMSourceConformance.pull(source, into: store, asOf: asOf)
    }

    @Test func aPullHoldsTheSampleExportsOpportunitiesWithTheirHistoriesContactsAndClickIDs() async throws {
        let harness = try SalesforceHarness(deals: 200, seed: 11)
        let store = InMemorySnapshotStore()
        let tally = try await pull(try harness.source(harness.config()), into: store)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)

        let folder = ExportTestSupport.temporaryFolder("salesforce-export")
        try SampleGenerator(seed: 11, dealCount: 200, anchor: SalesforceHarness.anchor).write(to: folder)
        let export = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: export)

        let counts = try await store.counts()
        let exportCounts = try await export.counts()
        #expect(counts.deals == 200 && counts.deals == exportCounts.deals)
        #expect(counts.deletedDeals == exportCounts.deletedDeals && counts.deletedDeals > 0)
        #expect(counts.contacts == exportCounts.contacts)
        #expect(counts.dealContacts == exportCounts.dealContacts)
        #expect(counts.stageTransitions == exportCounts.stageTransitions)
        #expect(counts.amountChanges <= exportCounts.amountChanges)
        let pipelines = try await store.pipelines(connector: "salesforce")
        #expect(pipelines.count == 1 && pipelines.first?.stages.count == 13)
        #expect(
            Set(pipelines.first?.stages ?? []) == Set(SampleGenerator.pipelines.flatMap(\.stages)),
            "stages with won and lost from IsClosed/IsWon and the probability from DefaultProbability")

        var currencies: Set<CurrencyCode> = []
        for number in 1...200 {
            let id = DealID(SalesforceHarness.opportunityID(number))
            let deal = try #require(try await store.deal(connector: "salesforce", id: id))
            let original = try #require(try await export.deal(connector: "test", id: DealID("d-\(number)")))
            #expect(deal.stageHistory == original.stageHistory)
            // Salesforce writes a history row only when a value changes: an amount "changed" to the same value
            // (the sample has some) is no change there.
            #expect(deal.amountHistory == Self.collapsed(original.amountHistory))
            #expect(deal.amount == original.amount && deal.stageID == original.stageID)
            #expect(deal.closeDate == original.closeDate && deal.lostReason == original.lostReason)
            #expect(deal.isDeleted == original.isDeleted)
            #expect(
                deal.contactIDs.map(\.rawValue)
                    == original.contactIDs.map { contact in
                        SalesforceHarness.contactID(Int(contact.rawValue.dropFirst(3)) ?? 0)
                    })
            if !deal.isDeleted { #expect(deal.updatedAt == original.updatedAt) }
            if let amount = deal.amount { currencies.insert(amount.currency) }
        }
        #expect(currencies.count > 1, "a multi-currency org's amounts keep their CurrencyIsoCode")
        for number in [1, 2, 50, 117] {
            let contact = try #require(
                try await store.contact(connector: "salesforce", id: ContactID(SalesforceHarness.contactID(number))))
            let original = try #require(try await export.contact(connector: "test", id: ContactID("ct-\(number)")))
            #expect(Set(contact.identifiers) == Set(original.identifiers))
        }
        var clicks: [ClickIDKind: Int] = [:]
        var exportClicks: [ClickIDKind: Int] = [:]
        for number in 1...counts.contacts {
            let id = ContactID(SalesforceHarness.contactID(number))
            for click in try await store.clickIDs(connector: "salesforce", contact: id) {
                clicks[click.kind, default: 0] += 1
            }
            for click in try await export.clickIDs(connector: "test", contact: ContactID("ct-\(number)")) {
                exportClicks[click.kind, default: 0] += 1
            }
        }
        for kind in ClickIDKind.allCases {
            #expect(clicks[kind] == exportClicks[kind] && (clicks[kind] ?? 0) > 0, "\(kind)")
        }
        // Unusable emails and phones are warnings that name the field, never the value.
        #expect(tally.diagnostics.contains { $0.description.contains("field 'email'") })
        for domain in ["gmail.com", "googlemail.com", ".example", "outlook.com", "web.de"] {
            #expect(!tally.diagnostics.contains { $0.description.contains(domain) })
        }
        print(
            "salesforce: \(counts.deals) opportunities, \(counts.contacts) contacts, \(tally.pages) pages, "
                + "\(harness.emulator.tally.requests) requests (\(harness.emulator.tally.followedPages) by nextRecordsUrl)"
        )
    }

    private static func collapsed(_ history: [AmountChange]) -> [AmountChange] {
        var result: [AmountChange] = []
        for change in history where result.last?.amount != change.amount { result.append(change) }
        return result
    }

    @Test func aPullThroughBulkAPIJobsHoldsWhatRESTPagesHold() async throws {
        let harness = try SalesforceHarness(deals: 150, seed: 29)
        var config = harness.config(pageSize: 50)
        config.usesBulkAPI = true
        let clock = ManualDelayClock()
        let store = InMemorySnapshotStore()
        let tally = try await pull(try harness.source(config, clock: clock), into: store)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try harness.source(harness.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "salesforce")
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)
        // A job per window (contacts, leads, opportunities, tasks, events), each polled until complete (1 s, then 2 s).
        #expect(harness.emulator.tally.bulkJobs == 5)
        #expect(clock.waits.prefix(2) == [.seconds(1), .seconds(2)])
        print(
            "salesforce bulk: \(tally.pages) pages, \(harness.emulator.tally.bulkJobs) jobs, \(clock.waits.count) polls waited"
        )
    }

    @Test func aQueryTimeoutNarrowsTheWindowUntilItsHalvesAnswer() async throws {
        let options = SalesforceEmulator.Options(refreshClients: [SalesforceHarness.client], queryTimeoutAbove: 60)
        let harness = try SalesforceHarness(deals: 150, seed: 31, options: options)
        let store = InMemorySnapshotStore()
        let tally = try await pull(try harness.source(harness.config()), into: store)
        let clean = try SalesforceHarness(deals: 150, seed: 31)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try clean.source(clean.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "salesforce")
        #expect(harness.emulator.tally.queryTimeouts > 0)
        // Every window was read to its end: a second pull starts a new one (the look-back's overlap only).
        let second = try await pull(
            try harness.source(harness.config()), into: store, asOf: SalesforceHarness.asOf.adding(days: 1))
        #expect(second.outcome.total.changed == 0)
        print(
            "salesforce query timeouts: \(harness.emulator.tally.queryTimeouts) timeouts, "
                + "\(harness.emulator.tally.queries) queries, \(tally.pages) pages")
    }

    @Test func aSingleCurrencyOrgsAmountsAreInTheDefaultCurrency() async throws {
        let harness = try SalesforceHarness(deals: 60, seed: 5, isMultiCurrency: false)
        var config = harness.config(isMultiCurrency: false)
        config.defaultCurrency = CurrencyCode("EUR") ?? .usd
        let store = InMemorySnapshotStore()
        _ = try await pull(try harness.source(config), into: store)
        let deals = try await store.deals(connector: "salesforce", after: nil, limit: 100)
        #expect(deals.count == 60)
        #expect(deals.allSatisfy { deal in deal.amount.map { $0.currency.code == "EUR" } ?? true })
        #expect(deals.allSatisfy { $0.amountHistory.allSatisfy { $0.amount.currency.code == "EUR" } })
        #expect(harness.emulator.tally.badRequests == 0)

        // A connector that expects multi-currency is told what to change.
        await #expect {
            try await pull(try harness.source(harness.config(isMultiCurrency: true)), into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.message.contains("connectors/salesforce.yaml") && error.message.contains("single-currency")
                && error.message.contains("multi_currency: false")
        }
    }

    @Test func injectedThrottling5xxDropsAndTimeoutsAreSurvivedWithinTheRetryBudget() async throws {
        let faults = SandboxFaults(
            .init(serverError: 0.08, throttled: 0.08, dropAfterIngest: 0.04, stalled: 0.02, stallSeconds: 2), seed: 5)
        let harness = try SalesforceHarness(deals: 150, seed: 13, faults: faults)
        let clean = try SalesforceHarness(deals: 150, seed: 13)
        let clock = ManualDelayClock()
        let store = InMemorySnapshotStore()
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
        _ = try await pull(
            try harness.source(harness.config(timeoutSeconds: 1), clock: clock, retryPolicy: policy), into: store)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try clean.source(clean.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "salesforce")
        let tally = harness.emulator.tally
        #expect(tally.throttled > 0 && tally.serverErrors > 0 && tally.dropped > 0 && tally.stalled > 0)
        #expect(!clock.waits.isEmpty && clock.waits.allSatisfy { $0 <= .seconds(10) })
        print(
            "salesforce faults: \(tally.requests) requests, \(tally.throttled) 403 REQUEST_LIMIT_EXCEEDED, "
                + "\(tally.serverErrors) 503, \(tally.dropped) dropped, \(tally.stalled) stalled; \(clock.waits.count) retries"
        )
    }

    @Test func aRetryBudgetSpentStopsThePullWithWhatToDo() async throws {
        let harness = try SalesforceHarness(deals: 20, faults: SandboxFaults(.init(throttled: 1), seed: 1))
        let clock = ManualDelayClock()
        await #expect {
            try await pull(
                try harness.source(harness.config(), clock: clock, retryPolicy: RetryPolicy(maxAttempts: 4)),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("connectors/salesforce.yaml")
                && error.message.contains("failed 4 times (last: 403 REQUEST_LIMIT_EXCEEDED)")
                && error.message.contains("pull again later")
        }
        #expect(clock.waits.count == 3)
        #expect(harness.emulator.tally.requests == 4)
    }

    @Test func theDailyAllocationSpentStopsThePullAtOnce() async throws {
        let harness = try SalesforceHarness(
            deals: 30, options: .init(refreshClients: [SalesforceHarness.client], dailyRequests: 3))
        let clock = ManualDelayClock()
        // 100%: the connector's own guard never stops the pull; Salesforce's 403 does.
        var config = harness.config(pageSize: 10)
        config.maxAPIUsageShare = 1
        await #expect {
            try await pull(try harness.source(config, clock: clock), into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("TotalRequests")
                && error.message.contains("rolling 24 hours")
        }
        #expect(clock.waits.isEmpty, "a spent daily allocation is not retried")
    }

    @Test func aPullStopsBetweenPagesAtMaxAPIUsageAndALaterPullFinishes() async throws {
        let harness = try SalesforceHarness(
            deals: 100, seed: 37, options: .init(refreshClients: [SalesforceHarness.client], dailyRequests: 1_000))
        var config = harness.config(pageSize: 20)
        config.maxAPIUsageShare = 0.01
        let store = InMemorySnapshotStore()
        await #expect {
            try await pull(try harness.source(config), into: store)
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("of its 1000 daily API requests")
                && error.message.contains("'max_api_usage' (1%)") && error.message.contains("last committed page")
        }
        let stopped = try await store.counts()
        #expect(harness.emulator.tally.requests <= 11, "it stops at 10 of 1,000 requests, between two pages")
        #expect(stopped.contacts > 0 && stopped.deals < 100)
        config.maxAPIUsageShare = 1
        _ = try await pull(try harness.source(config), into: store)
        let clean = try SalesforceHarness(deals: 100, seed: 37)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try clean.source(clean.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "salesforce")
    }

    @Test func aDeletedOpportunityAndADeletedAndAMergedContactReachTheStore() async throws {
        let harness = try SalesforceHarness(deals: 120, seed: 17)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await pull(try harness.source(config), into: store)
        let deletedID = DealID(SalesforceHarness.opportunityID(20))
        #expect(try await store.deal(connector: "salesforce", id: deletedID)?.isDeleted == false)
        let loserDeal = try #require(
            try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(10))))
        let survivorDeal = try #require(
            try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(11))))
        let loser = try #require(loserDeal.contactIDs.first)
        let survivor = try #require(survivorDeal.contactIDs.first)
        let loserClicks = try await store.clickIDs(connector: "salesforce", contact: loser)
        let removedDeal = try #require(
            try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(30))))
        let removed = try #require(removedDeal.contactIDs.first)

        let changedAt = SalesforceHarness.asOf.adding(milliseconds: 3_600_000)
        harness.emulator.deleteOpportunity(deletedID.rawValue, at: changedAt)
        harness.emulator.mergeContact(loser.rawValue, into: survivor.rawValue, at: changedAt)
        harness.emulator.deleteContact(removed.rawValue, at: changedAt)
        let later = SalesforceHarness.asOf.adding(milliseconds: 2 * 3_600_000)
        let second = try await pull(try harness.source(config), into: store, asOf: later)

        let deleted = try #require(try await store.deal(connector: "salesforce", id: deletedID))
        #expect(deleted.isDeleted)
        #expect(deleted.stageHistory.count >= 1, "a deleted opportunity keeps its history")
        #expect(try await store.contact(connector: "salesforce", id: loser) == nil, "the merged-away contact is gone")
        #expect(try await store.contact(connector: "salesforce", id: survivor) != nil)
        let moved = try #require(
            try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(10))))
        #expect(moved.contactIDs.contains(survivor) && !moved.contactIDs.contains(loser))
        let survivorClicks = Set(try await store.clickIDs(connector: "salesforce", contact: survivor).map(\.value))
        #expect(
            Set(loserClicks.map(\.value)).isSubset(of: survivorClicks), "the loser's click ids move to the survivor")
        #expect(second.outcome.deals.updated >= 1)
        #expect(try await store.contact(connector: "salesforce", id: removed) == nil, "the deleted contact is gone")
        #expect(try await store.clickIDs(connector: "salesforce", contact: removed).isEmpty)
        let withoutIt = try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(30)))
        #expect(withoutIt?.contactIDs.contains(removed) == false)
    }

    @Test func rowsSharingASystemModstampAcrossPagesAreReadOnceWhenAPullResumes() async throws {
        let harness = try SalesforceHarness(deals: 60, seed: 19)
        let config = harness.config(pageSize: 10)
        let store = InMemorySnapshotStore()
        _ = try await pull(try harness.source(config), into: store)
        // 25 opportunities change in one transaction: one SystemModstamp for all, over three pages of 10.
        let changedAt = SalesforceHarness.asOf.adding(milliseconds: 3_600_000)
        for number in 1...25 {
            harness.emulator.updateOpportunity(
                SalesforceHarness.opportunityID(number), stage: "closedlost", amount: "1.00", at: changedAt)
        }
        let later = SalesforceHarness.asOf.adding(milliseconds: 2 * 3_600_000)
        // Pages: stages, contacts and leads (none changed), then the opportunities; the second of those fails.
        await #expect(throws: ConnectorError.self, "the commit of the second page of opportunities fails") {
            _ = try await CRMSourceConformance.pull(
                try harness.source(config), into: store, asOf: later, crashAfterPages: 4)
        }
        let committed = try await store.deals(connector: "salesforce", after: nil, limit: 100)
        #expect(committed.count { $0.updatedAt == changedAt } == 10, "the first page of the shared instant")
        let resumed = try await pull(try harness.source(config), into: store, asOf: later)
        #expect(resumed.outcome.deals.updated == 15, "the 15 rows after the last committed (SystemModstamp, Id)")
        #expect(resumed.outcome.deals.unchanged == 0, "none of the 10 committed rows is read again")
        for number in 1...25 {
            let deal = try #require(
                try await store.deal(connector: "salesforce", id: DealID(SalesforceHarness.opportunityID(number))))
            #expect(deal.stageID == "closedlost" && deal.updatedAt == changedAt)
            #expect(deal.stageHistory.last?.stageID == "closedlost")
        }
    }

    @Test func aClickIDOnlyOnTheConvertedLeadReachesTheContactItBecame() async throws {
        let harness = try SalesforceHarness(deals: 20, seed: 23)
        let store = InMemorySnapshotStore()
        _ = try await pull(try harness.source(harness.config()), into: store)
        let contact = ContactID(SalesforceHarness.contactID(5))
        let before = try await store.clickIDs(connector: "salesforce", contact: contact)
        // The lead-conversion mapping did not copy this click onto the contact: it is on the lead only.
        let changedAt = SalesforceHarness.asOf.adding(milliseconds: 3_600_000)
        harness.emulator.update(
            "Lead", SalesforceDataset.id(prefix: "00Q", number: 5), fields: ["FBCLID__c": .string("IwAR-lead-only")],
            at: changedAt)
        let later = SalesforceHarness.asOf.adding(milliseconds: 2 * 3_600_000)
        let second = try await pull(try harness.source(harness.config()), into: store, asOf: later)
        #expect(second.outcome.clickIDs.inserted == 1)
        let after = try await store.clickIDs(connector: "salesforce", contact: contact)
        #expect(after.count == before.count + 1)
        #expect(after.contains { $0.kind == .fbclid && $0.value == "IwAR-lead-only" })

        var config = harness.config()
        config.readsConvertedLeads = false
        let withoutLeads = InMemorySnapshotStore()
        _ = try await pull(try harness.source(config), into: withoutLeads, asOf: later)
        #expect(try await withoutLeads.clickIDs(connector: "salesforce", contact: contact).count == before.count)
    }

    @Test func aSessionIsRenewedAfterA401AndARotatedRefreshTokenIsUsed() async throws {
        let harness = try SalesforceHarness(
            deals: 30,
            options: .init(refreshClients: [SalesforceHarness.client], accessTokens: [], rotatesRefreshTokens: true))
        let source = try harness.source(harness.config())
        let store = InMemorySnapshotStore()
        _ = try await pull(source, into: store)
        #expect(harness.emulator.tally.refreshGrants == 1)
        // The session expires: the 401 INVALID_SESSION_ID brings one new session, with the rotated token.
        harness.emulator.expireSessions()
        _ = try await pull(source, into: store, asOf: SalesforceHarness.asOf.adding(days: 1))
        #expect(harness.emulator.tally.refreshGrants == 2)
        #expect(harness.emulator.tally.refusedSessions == 1)
        #expect(harness.emulator.tally.refusedGrants == 0, "the rotated refresh token was used, not the old one")
        #expect(try await store.counts().deals == 30)
    }

    @Test func aRefusedRefreshTokenIsAnErrorNamingTheFileAndTheFix() async throws {
        let harness = try SalesforceHarness(deals: 10)
        await #expect {
            try await pull(
                try harness.source(
                    harness.config(), secrets: SalesforceHarness.secrets(refreshToken: "stolen-and-revoked")),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .credentialsRefused && error.message.contains("connectors/salesforce.yaml")
                && error.message.contains("invalid_grant") && error.message.contains("${env:SALESFORCE_REFRESH_TOKEN}")
                && !error.message.contains("stolen-and-revoked")
        }
    }

    @Test func theJWTBearerFlowSignsWithTheCertificatesKey() async throws {
        let (privatePEM, publicPEM) = try RSASHA256.generateKeyPair()
        let (otherPrivatePEM, _) = try RSASHA256.generateKeyPair()
        let app = SalesforceEmulator.JWTClient(
            consumerKey: "3MVG9-consumer-key", publicKeyPEM: publicPEM, usernames: ["integration@example.com"])
        let harness = try SalesforceHarness(deals: 40, options: .init(jwtClients: [app], accessTokens: []))
        var config = harness.config()
        config.refreshToken = nil
        config.clientSecret = nil
        config.clientID = app.consumerKey
        config.username = "integration@example.com"
        config.privateKey = .environment("SALESFORCE_KEY")
        let store = InMemorySnapshotStore()
        _ = try await pull(
            try harness.source(config, secrets: SalesforceHarness.secrets(extra: ["SALESFORCE_KEY": privatePEM])),
            into: store)
        #expect(harness.emulator.tally.jwtGrants == 1)
        #expect(try await store.counts().deals == 40)

        // A key that is not the certificate's: refused, and the error says what to check without the key.
        await #expect {
            try await pull(
                try harness.source(
                    config, secrets: SalesforceHarness.secrets(extra: ["SALESFORCE_KEY": otherPrivatePEM])),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .credentialsRefused && error.message.contains("JWT bearer flow")
                && error.message.contains("'private_key'") && !error.message.contains("PRIVATE KEY")
        }
        // A user the app was not approved for.
        config.username = "someone-else@example.com"
        await #expect {
            try await pull(
                try harness.source(config, secrets: SalesforceHarness.secrets(extra: ["SALESFORCE_KEY": privatePEM])),
                into: InMemorySnapshotStore())
        } throws: { error in
            (error as? ConnectorError)?.message.contains("user hasn't approved this consumer") == true
        }
    }
}
