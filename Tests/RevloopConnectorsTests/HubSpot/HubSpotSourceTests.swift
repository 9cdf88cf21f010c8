import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

@Suite struct HubSpotSourceTests {
    private func pull(_ source: HubSpotSource, into store: InMemorySnapshotStore, asOf: Timestamp = HubSpotHarness.asOf)
        async throws -> CRMSourceConformance.PullTally
    {
        try await CRMSourceConformance.pull(source, into: store, asOf: asOf)
    }

    @Test func aPullHoldsTheSampleExportsDealsWithTheirHistoriesContactsAndClickIDs() async throws {
        let harness = try HubSpotHarness(deals: 200, seed: 11)
        let store = InMemorySnapshotStore()
        let tally = try await pull(try harness.source(harness.config()), into: store)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)

        let folder = ExportTestSupport.temporaryFolder("hubspot-export")
        try SampleGenerator(seed: 11, dealCount: 200, anchor: HubSpotHarness.anchor).write(to: folder)
        let export = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: export)

        let counts = try await store.counts()
        let exportCounts = try await export.counts()
        #expect(counts.deals == 200 && counts.deals == exportCounts.deals)
        #expect(counts.deletedDeals == exportCounts.deletedDeals && counts.deletedDeals > 0)
        #expect(counts.contacts == exportCounts.contacts)
        #expect(counts.dealContacts == exportCounts.dealContacts)
        #expect(counts.stageTransitions == exportCounts.stageTransitions)
        #expect(counts.amountChanges == exportCounts.amountChanges)
        #expect(counts.pipelines == 2 && counts.stages == 13)
        #expect(try await store.pipelines(connector: "hubspot") == SampleGenerator.pipelines)

        for number in 1...200 {
            let deal = try #require(try await store.deal(connector: "hubspot", id: DealID("\(number)")))
            let original = try #require(try await export.deal(connector: "test", id: DealID("d-\(number)")))
            #expect(deal.stageHistory == original.stageHistory)
            #expect(deal.amountHistory == original.amountHistory)
            #expect(deal.amount == original.amount && deal.stageID == original.stageID)
            #expect(deal.closeDate == original.closeDate && deal.lostReason == original.lostReason)
            #expect(deal.isDeleted == original.isDeleted)
            #expect(deal.contactIDs.map { "ct-\($0.rawValue)" } == original.contactIDs.map(\.rawValue))
            if !deal.isDeleted { #expect(deal.updatedAt == original.updatedAt) }
        }
        // Identifiers hash the same plaintext the same way; Google, Meta and LinkedIn click ids come through.
        for number in [1, 2, 50, 117] {
            let contact = try #require(try await store.contact(connector: "hubspot", id: ContactID("\(number)")))
            let original = try #require(try await export.contact(connector: "test", id: ContactID("ct-\(number)")))
            #expect(Set(contact.identifiers) == Set(original.identifiers))
        }
        var clicks: [ClickIDKind: Int] = [:]
        var exportClicks: [ClickIDKind: Int] = [:]
        for number in 1...counts.contacts {
            for click in try await store.clickIDs(connector: "hubspot", contact: ContactID("\(number)")) {
                clicks[click.kind, default: 0] += 1
            }
            for click in try await export.clickIDs(connector: "test", contact: ContactID("ct-\(number)")) {
                exportClicks[click.kind, default: 0] += 1
            }
        }
        for kind in [ClickIDKind.gclid, .fbclid, .linkedInFirstPartyID] {
            #expect(clicks[kind] == exportClicks[kind] && (clicks[kind] ?? 0) > 0, "\(kind)")
        }
        // Unusable emails and phones are warnings that name the property, never the value.
        #expect(tally.diagnostics.contains { $0.description.contains("property 'email'") })
        for domain in ["gmail.com", "googlemail.com", ".example", "outlook.com", "web.de"] {
            #expect(!tally.diagnostics.contains { $0.description.contains(domain) })
        }
    }

    @Test func clickIDsInCustomContactPropertiesAreReadWhenTheConnectorNamesThem() async throws {
        let harness = try HubSpotHarness(deals: 150, seed: 23)
        var config = harness.config()
        config.clickIDProperties[.gbraid] = "gbraid"
        config.clickIDProperties[.wbraid] = "wbraid"
        let store = InMemorySnapshotStore()
        _ = try await pull(try harness.source(config), into: store)
        let folder = ExportTestSupport.temporaryFolder("hubspot-clicks")
        try SampleGenerator(seed: 23, dealCount: 150, anchor: HubSpotHarness.anchor).write(to: folder)
        let export = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: export)
        let contacts = try await store.counts().contacts
        var kinds: Set<ClickIDKind> = []
        for number in 1...contacts {
            let clicks = try await store.clickIDs(connector: "hubspot", contact: ContactID("\(number)"))
            let original = try await export.clickIDs(connector: "test", contact: ContactID("ct-\(number)"))
            #expect(Set(clicks.map { "\($0.kind):\($0.value)" }) == Set(original.map { "\($0.kind):\($0.value)" }))
            kinds.formUnion(clicks.map(\.kind))
        }
        #expect(kinds == Set(ClickIDKind.allCases))
    }

    @Test func moreThanTenThousandDealsArePulledWholeThroughTheSearchCap() async throws {
        let harness = try HubSpotHarness(deals: 10_200, seed: 3)
        let store = InMemorySnapshotStore()
        let started = ContinuousClock.now
        let tally = try await pull(try harness.source(harness.config(pageSize: 200)), into: store)
        let elapsed = ContinuousClock.now - started
        let counts = try await store.counts()
        #expect(counts.deals == 10_200)
        let live = HubSpotHarness.dataset(deals: 10_200, seed: 3).liveDealCount
        #expect(live > 10_000, "more than one search's 10,000 results")
        #expect(counts.deals - counts.deletedDeals == live)
        #expect(tally.outcome.deals.inserted == 10_200)
        #expect(harness.emulator.tally.badRequests == 0, "the 10,000-result cap is never hit")
        print(
            "hubspot: \(counts.deals) deals, \(counts.contacts) contacts in \(elapsed), \(harness.emulator.tally.requests) requests"
        )
    }

    @Test func injected429s5xxDropsAndTimeoutsAreSurvivedWithinTheRetryBudget() async throws {
        let faults = SandboxFaults(
            .init(
                serverError: 0.08, throttled: 0.08, dropAfterIngest: 0.04, retryAfterSeconds: 2, stalled: 0.02,
                stallSeconds: 2),
            seed: 5)
        let harness = try HubSpotHarness(deals: 150, seed: 13, faults: faults)
        let clean = try HubSpotHarness(deals: 150, seed: 13)
        let clock = ManualDelayClock()
        let store = InMemorySnapshotStore()
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
        _ = try await pull(
            try harness.source(harness.config(timeoutSeconds: 1), clock: clock, retryPolicy: policy), into: store)
        let reference = InMemorySnapshotStore()
        _ = try await pull(try clean.source(clean.config()), into: reference)
        try await CRMSourceConformance.expectSameRecords(store, reference, connector: "hubspot")
        let tally = harness.emulator.tally
        #expect(tally.throttled > 0 && tally.serverErrors > 0 && tally.dropped > 0 && tally.stalled > 0)
        // Every other 429 carries Retry-After: 2, and the connector waited exactly that.
        #expect(clock.waits.contains(.seconds(2)))
        #expect(clock.waits.allSatisfy { $0 <= .seconds(10) })
    }

    @Test func aRetryBudgetSpentStopsThePullWithWhatToDo() async throws {
        let harness = try HubSpotHarness(
            deals: 20, faults: SandboxFaults(.init(throttled: 1, retryAfterSeconds: 1), seed: 1))
        let clock = ManualDelayClock()
        let policy = RetryPolicy(maxAttempts: 4)
        await #expect {
            try await pull(
                try harness.source(harness.config(), clock: clock, retryPolicy: policy), into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("connectors/hubspot.yaml")
                && error.message.contains("failed 4 times (last: 429 TEN_SECONDLY_ROLLING)")
                && error.message.contains("pull again later")
        }
        #expect(clock.waits.count == 3)
        #expect(harness.emulator.tally.requests == 4)
    }

    @Test func theDailyLimitStopsThePullAtOnceWithWhenToComeBack() async throws {
        let harness = try HubSpotHarness(deals: 30, options: .init(dailyRequests: 3))
        let clock = ManualDelayClock()
        let store = InMemorySnapshotStore()
        await #expect {
            try await pull(try harness.source(harness.config(pageSize: 10), clock: clock), into: store)
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .retriesExhausted && error.message.contains("daily request limit")
                && error.message.contains("midnight")
        }
        #expect(clock.waits.isEmpty, "a daily 429 is not retried")
        // The pages before the limit stay committed: pipelines and the first contacts.
        #expect(try await store.counts().pipelines == 2)
        #expect(try await store.cursors(connector: "hubspot")["contacts"] != nil)
    }

    @Test func aDeletedAndAMergedDealReachTheStore() async throws {
        let harness = try HubSpotHarness(deals: 120, seed: 17)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await pull(try harness.source(config), into: store)
        let survivorBefore = try #require(try await store.deal(connector: "hubspot", id: "10"))
        let loserBefore = try #require(try await store.deal(connector: "hubspot", id: "11"))
        #expect(!survivorBefore.isDeleted && !loserBefore.isDeleted)
        #expect(try await store.deal(connector: "hubspot", id: "20")?.isDeleted == false)

        let changedAt = HubSpotHarness.asOf.adding(milliseconds: 3_600_000)
        harness.emulator.archiveDeal(20, at: changedAt)
        harness.emulator.mergeDeal(11, into: 10, at: changedAt)
        let later = HubSpotHarness.asOf.adding(milliseconds: 2 * 3_600_000)
        let second = try await pull(try harness.source(config), into: store, asOf: later)

        let deleted = try #require(try await store.deal(connector: "hubspot", id: "20"))
        #expect(deleted.isDeleted)
        #expect(deleted.stageHistory.count >= 1, "a deleted deal keeps its history")
        let merged = try #require(try await store.deal(connector: "hubspot", id: "11"))
        #expect(merged.isDeleted && merged.lostReason == "merged into 10")
        let survivor = try #require(try await store.deal(connector: "hubspot", id: "10"))
        #expect(!survivor.isDeleted)
        #expect(Set(survivor.contactIDs) == Set(survivorBefore.contactIDs + loserBefore.contactIDs))
        #expect(second.outcome.deals.updated == 3, "the archived deal, the survivor and the merged-away deal")
    }

    @Test func aMergedContactIsFoldedIntoItsSurvivorInTheStore() async throws {
        let harness = try HubSpotHarness(deals: 60, seed: 19)
        let store = InMemorySnapshotStore()
        let config = harness.config()
        _ = try await pull(try harness.source(config), into: store)
        // Contacts 2 and 3 belong to deals of their own; a user merges 3 into 2.
        let loserDeals = try await store.deals(connector: "hubspot", after: nil, limit: 100).filter {
            $0.contactIDs.contains("3")
        }
        #expect(!loserDeals.isEmpty)
        let loserClicks = try await store.clickIDs(connector: "hubspot", contact: "3")
        let survivorClicks = try await store.clickIDs(connector: "hubspot", contact: "2")
        harness.emulator.mergeContact(3, into: 2, at: HubSpotHarness.asOf.adding(milliseconds: 3_600_000))
        _ = try await pull(
            try harness.source(config), into: store, asOf: HubSpotHarness.asOf.adding(milliseconds: 7_200_000))
        #expect(try await store.contact(connector: "hubspot", id: "3") == nil)
        #expect(try await store.contact(connector: "hubspot", id: "2") != nil)
        for deal in loserDeals {
            let stored = try #require(try await store.deal(connector: "hubspot", id: deal.id))
            #expect(stored.contactIDs.contains("2") && !stored.contactIDs.contains("3"))
        }
        let clicks = try await store.clickIDs(connector: "hubspot", contact: "2")
        #expect(Set(clicks.map(\.value)) == Set((loserClicks + survivorClicks).map(\.value)))
    }

    @Test func aRefusedTokenIsA401ErrorNamingTheFileAndTheFix() async throws {
        let harness = try HubSpotHarness(deals: 10, options: .init(accessTokens: ["pat-na1-the-right-one"]))
        await #expect {
            try await pull(
                try harness.source(harness.config(), secrets: HubSpotHarness.secrets(token: "pat-na1-wrong")),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .credentialsRefused && error.message.contains("connectors/hubspot.yaml")
                && error.message.contains("401") && error.message.contains("${env:HUBSPOT_TOKEN}")
                && !error.message.contains("pat-na1-wrong")
        }
    }

    @Test func aMalformedTokenIsA530ErrorNamingTheFileAndTheFix() async throws {
        let harness = try HubSpotHarness(deals: 10)
        await #expect {
            try await pull(
                try harness.source(harness.config(), secrets: HubSpotHarness.secrets(token: "Bearer pat:1")),
                into: InMemorySnapshotStore())
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .credentialsRefused && error.message.contains("connectors/hubspot.yaml")
                && error.message.contains("530") && error.message.contains("wrong format")
                && !error.message.contains("pat:1")
        }
    }

    @Test func anOAuthAppsTokenIsRefreshedBeforeItExpiresAndAfterA401() async throws {
        let client = HubSpotEmulator.OAuthClient(id: "app-1", secret: "client-secret", refreshToken: "refresh-1")
        let harness = try HubSpotHarness(
            deals: 30, options: .init(accessTokens: [], oauthClients: [client], tokenLifetimeSeconds: 1_800))
        var config = harness.config(style: .dated2026March)
        config.accessToken = nil
        config.refreshToken = .environment("HUBSPOT_REFRESH")
        config.clientID = "app-1"
        config.clientSecret = .environment("HUBSPOT_CLIENT_SECRET")
        let secrets = SecretResolver(
            environment: ["HUBSPOT_REFRESH": "refresh-1", "HUBSPOT_CLIENT_SECRET": "client-secret"]) { _ in nil }
        let clock = ManualDelayClock()
        let source = try harness.source(config, clock: clock, secrets: secrets)
        let store = InMemorySnapshotStore()
        _ = try await pull(source, into: store)
        #expect(harness.emulator.tally.tokensGranted == 1)
        // 29 minutes later the token is a minute from expiry: refreshed before use.
        clock.advance(by: .seconds(29 * 60))
        _ = try await pull(source, into: store)
        #expect(harness.emulator.tally.tokensGranted == 2)
        // Revoked early: the 401 triggers one refresh, and the pull goes on.
        harness.emulator.expireIssuedTokens()
        _ = try await pull(source, into: store)
        #expect(harness.emulator.tally.tokensGranted == 3)
        #expect(try await store.counts().deals == 30)
    }
}
