import Foundation
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import RevloopIdentity
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// Delivery against the sandbox emulators over real loopback sockets: the ledger and the emulators must
/// agree exactly, through bad events, faults and crashes.
@Suite struct DeliveryTests {
    /// An emulator on loopback, a ledger and an engine factory.
    struct Harness {
        let sandbox: AdPlatformSandbox
        let server: LoopbackServer
        let ledger = InMemorySnapshotStore()
        let delays = ManualDelayClock()

        static let client = OAuthEmulator.Client(id: "revloop-test", secret: "client-secret", refreshToken: "refresh-1")

        init(
            _ shares: SandboxFaults.Shares = .none, seed: UInt64 = 1, allowlisted: Bool = true,
            serviceAccounts: [String: String] = [:]
        ) throws {
            sandbox = AdPlatformSandbox(
                faults: SandboxFaults(shares, seed: seed), clock: FixedWallClock(PlanFixtures.asOf),
                googleAdsAllowlisted: allowlisted,
                oauth: OAuthEmulator(clients: [Self.client], serviceAccounts: serviceAccounts))
            server = try sandbox.serve()
        }

        /// A refresh-token source against the emulated token endpoint.
        func tokens(refreshToken: String = client.refreshToken) -> OAuthRefreshTokenSource {
            OAuthRefreshTokenSource(
                tokenURL: server.baseURL.appendingPathComponent("token"), clientID: Self.client.id,
                clientSecret: Secret(Self.client.secret), refreshToken: Secret(refreshToken),
                transport: URLSessionHTTPTransport(), clock: FixedWallClock(PlanFixtures.asOf))
        }

        func engine(
            _ platform: Platform, ledger: (any LedgerStore)? = nil, settings: DeliverySettings = DeliverySettings(),
            linkedInVersion: String = "202611", tokens: (any AccessTokenSource)? = nil
        ) -> DeliveryEngine {
            var options = WireOptions(
                adjustmentTime: PlanFixtures.asOf, authorization: "Bearer test", baseURL: server.baseURL.absoluteString)
            options.linkedInVersion = linkedInVersion
            return DeliveryEngine(
                platform: platform, transport: URLSessionHTTPTransport(), ledger: ledger ?? self.ledger,
                options: options, settings: settings, delayClock: delays,
                wallClock: FixedWallClock(PlanFixtures.asOf), tokens: tokens)
        }

        /// Plans against the resumed ledger and delivers, as a run of `revloop upload` does.
        func run(_ platform: Platform, deals: Int, engine: DeliveryEngine? = nil) async throws -> DeliverySummary {
            let recorded = try await ledger.ledgerEntries()
            let view = DeliveryResume.view(of: recorded, resendInDoubt: false, now: PlanFixtures.asOf)
            try await ledger.record(view.inDoubt, note: "in doubt")
            let operations = PlanFixtures.operations(deals: deals, platform: platform, ledger: view.ledger)
            var summary = try await (engine ?? self.engine(platform)).deliver(operations, known: recorded)
            summary.inDoubt += view.inDoubt.count
            return summary
        }

        func counts(_ platform: Platform) -> SandboxTally.Counts { sandbox.tally.snapshot()[platform] ?? .init() }

        func states() async throws -> [LedgerEntry.State: Int] {
            try await ledger.ledgerEntries().values.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
        }
    }

    static let sendingPlatforms: [Platform] = [.googleDataManager, .googleAds, .meta, .linkedIn]

    @Test(arguments: sendingPlatforms)
    func everyOperationIsDeliveredOnceAndTheLedgerMatchesTheEmulator(platform: Platform) async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let planned = PlanFixtures.operations(deals: 2_500, platform: platform).count
        let first = try await harness.run(platform, deals: 2_500)
        #expect(first.sent == planned && first.accepted == planned && first.rejectedTotal == 0)
        #expect(try await harness.states() == [.accepted: planned])
        #expect(harness.counts(platform).held == planned && harness.counts(platform).duplicates == 0)
        // A second run plans nothing: the ledger says every platform holds it.
        let second = try await harness.run(platform, deals: 2_500)
        #expect(second.sent == 0 && second.requests == 0)
        #expect(harness.counts(platform).held == planned && harness.counts(platform).duplicates == 0)
    }

    @Test(arguments: sendingPlatforms)
    func oneBadEventIsRejectedAloneAndTheRestOfItsBatchDelivered(platform: Platform) async throws {
        let harness = try Harness(.init(poisonedEvents: 0.004), seed: 11)
        defer { harness.server.stop() }
        let operations = PlanFixtures.operations(deals: 1_500, platform: platform)
        let poisoned = Set(operations.map(\.key).filter { harness.sandbox.faults.isPoisoned($0.rawValue) })
        #expect(!poisoned.isEmpty)
        let summary = try await harness.run(platform, deals: 1_500)
        #expect(summary.rejectedTotal == poisoned.count)
        #expect(summary.accepted == operations.count - poisoned.count)
        let ledger = try await harness.ledger.ledgerEntries()
        #expect(Set(ledger.values.filter { $0.state == .rejected }.map(\.key)) == poisoned)
        #expect(harness.counts(platform).held == operations.count - poisoned.count)
    }

    @Test(arguments: [Platform.googleDataManager, .meta, .googleAds])
    func faultsLoseNothingAndCountNothingTwiceOnPlatformsThatDeduplicate(platform: Platform) async throws {
        let harness = try Harness(.init(serverError: 0.1, throttled: 0.05, dropAfterIngest: 0.05), seed: 5)
        defer { harness.server.stop() }
        let planned = PlanFixtures.operations(deals: 3_000, platform: platform).count
        var runs = 0
        while try await harness.states()[.accepted, default: 0] < planned, runs < 5 {
            _ = try await harness.run(platform, deals: 3_000)
            runs += 1
        }
        let counts = harness.counts(platform)
        #expect(try await harness.states() == [.accepted: planned])
        // Held once each; resends after lost answers arrive as duplicates the platform drops.
        #expect(counts.held == planned)
        #expect(counts.serverErrors + counts.throttled + counts.dropped > 0)
        #expect(!harness.delays.waits.isEmpty)
    }

    @Test(arguments: [Platform.googleDataManager, .meta])
    func answersThatComeTooLateAreResentAndDeduplicated(platform: Platform) async throws {
        let harness = try Harness(.init(stalled: 0.3, stallSeconds: 4), seed: 5)
        defer { harness.server.stop() }
        // Long enough for an answer from a debug build, short enough to give up on a stalled one.
        let settings = DeliverySettings(requestTimeout: .seconds(2))
        let planned = PlanFixtures.operations(deals: 2_500, platform: platform).count
        var runs = 0
        while try await harness.states()[.accepted, default: 0] < planned, runs < 5 {
            _ = try await harness.run(platform, deals: 2_500, engine: harness.engine(platform, settings: settings))
            runs += 1
        }
        #expect(try await harness.states() == [.accepted: planned])
        #expect(harness.counts(platform).stalled > 0 && harness.counts(platform).held == planned)
        let ledger = try await harness.ledger.ledgerEntries().values
        #expect(ledger.contains { $0.attempts > 1 })
    }

    @Test func linkedInIsNeverSentTwiceAfterALostAnswer() async throws {
        let harness = try Harness(.init(serverError: 0.1, throttled: 0.1, dropAfterIngest: 0.3), seed: 9)
        defer { harness.server.stop() }
        let planned = PlanFixtures.operations(deals: 4_000, platform: .linkedIn).count
        var inDoubt = 0
        for _ in 0..<3 { inDoubt += try await harness.run(.linkedIn, deals: 4_000).inDoubt }
        let counts = harness.counts(.linkedIn)
        let states = try await harness.states()
        #expect(counts.duplicates == 0)
        #expect(counts.dropped > 0 && inDoubt > 0)
        #expect(states[.deadLetter, default: 0] == inDoubt)
        #expect(states[.accepted, default: 0] + inDoubt == planned)
        // The in-doubt ones did arrive: nothing was lost, and nothing counted twice.
        #expect(counts.held == planned)
    }

    /// Fails the `failAt`-th ledger write and every one after it: the process "dies" there.
    final class CrashingLedger: LedgerStore, @unchecked Sendable {
        let inner: InMemorySnapshotStore
        let failAt: Int
        private let lock = NSLock()
        private var writes = 0

        init(_ inner: InMemorySnapshotStore, failAt: Int) {
            self.inner = inner
            self.failAt = failAt
        }

        struct Crash: Error {}

        func ledgerEntries() async throws -> [DedupKey: LedgerEntry] { try await inner.ledgerEntries() }
        func ledgerEntries(connector: ConnectorName, deal: DealID) async throws -> [LedgerEntry] {
            try await inner.ledgerEntries(connector: connector, deal: deal)
        }
        func ledgerEntry(key: DedupKey) async throws -> LedgerEntry? { try await inner.ledgerEntry(key: key) }
        func ledgerHistory(key: DedupKey) async throws -> [LedgerEvent] { try await inner.ledgerHistory(key: key) }
        func recordRequestStatuses(_ statuses: [RequestStatus]) async throws {
            try countWrite()
            try await inner.recordRequestStatuses(statuses)
        }
        func requestStatus(id: String) async throws -> RequestStatus? { try await inner.requestStatus(id: id) }
        func ledgerCounts() async throws -> [Platform: [LedgerEntry.State: Int]] { try await inner.ledgerCounts() }
        func pendingRequestStatuses(platform: Platform) async throws -> [RequestStatus] {
            try await inner.pendingRequestStatuses(platform: platform)
        }
        func markInFlight(_ entries: [LedgerEntry]) async throws {
            try countWrite()
            try await inner.markInFlight(entries)
        }
        func record(_ entries: [LedgerEntry], note: String) async throws {
            try countWrite()
            try await inner.record(entries, note: note)
        }
        private func countWrite() throws {
            let count = lock.withLock {
                writes += 1
                return writes
            }
            if count >= failAt { throw Crash() }
        }
    }

    @Test(arguments: [(Platform.googleDataManager, 2), (.googleDataManager, 4), (.meta, 2), (.linkedIn, 2)])
    func aCrashBetweenSendingAndSettlingResumesWithoutLossOrDoubleCounts(platform: Platform, failAt: Int)
        async throws
    {
        let harness = try Harness()
        defer { harness.server.stop() }
        let deals = platform == .linkedIn ? 4_000 : 3_000
        let planned = PlanFixtures.operations(deals: deals, platform: platform).count
        let crashing = CrashingLedger(harness.ledger, failAt: failAt)
        // One request at a time, so the write that fails is always the same one.
        let engine = harness.engine(platform, ledger: crashing, settings: DeliverySettings(requestsInFlight: 1))
        await #expect(throws: CrashingLedger.Crash.self) {
            _ = try await harness.run(platform, deals: deals, engine: engine)
        }
        #expect(try await harness.states()[.sending, default: 0] > 0)
        let resumed = try await harness.run(platform, deals: deals)
        let counts = harness.counts(platform)
        #expect(counts.held == planned)
        let states = try await harness.states()
        if platform == .linkedIn {
            // The batch in flight at the crash had arrived; LinkedIn would count a resend twice.
            #expect(counts.duplicates == 0 && resumed.inDoubt > 0)
            #expect(states[.accepted, default: 0] + states[.deadLetter, default: 0] == planned)
        } else {
            // Resent under the same transaction or event id, and dropped by the platform as a duplicate.
            #expect(counts.duplicates > 0)
            #expect(states == [.accepted: planned])
        }
    }

    @Test func aTokenNotAllowlistedForTheGoogleAdsAPIStopsWithAdviceAndLosesNothing() async throws {
        let harness = try Harness(allowlisted: false)
        defer { harness.server.stop() }
        let summary = try await harness.run(.googleAds, deals: 3_000)
        #expect(summary.stopped?.contains("CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE") == true)
        #expect(summary.stopped?.contains("google_data_manager") == true)
        #expect(summary.requests <= 2 && summary.accepted == 0 && summary.retrying > 0)
        // The refused batches wait as retrying; the rest was never recorded and is planned again next run.
        #expect(try await harness.states() == [.retrying: summary.retrying])
    }

    @Test func aRetiredLinkedInVersionStopsWithWhatToChange() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let summary = try await harness.run(
            .linkedIn, deals: 10, engine: harness.engine(.linkedIn, linkedInVersion: "202401"))
        #expect(summary.stopped?.contains("NONEXISTENT_VERSION") == true)
        #expect(summary.stopped?.contains("api_version") == true)
        #expect(harness.counts(.linkedIn).held == 0)
    }

    @Test func retriesGiveUpAfterTheBudgetAndDeadLetterAcrossRuns() async throws {
        let harness = try Harness(.init(serverError: 1))
        defer { harness.server.stop() }
        let settings = DeliverySettings(retry: RetryPolicy(maxAttempts: 3), deadLetterAfter: 6)
        let planned = PlanFixtures.operations(deals: 5, platform: .meta).count
        let first = try await harness.run(.meta, deals: 5, engine: harness.engine(.meta, settings: settings))
        #expect(first.requests == 3 && first.retries == 2 && first.retrying == planned)
        let second = try await harness.run(.meta, deals: 5, engine: harness.engine(.meta, settings: settings))
        #expect(second.deadLettered == planned)
        let entries = try await harness.ledger.ledgerEntries().values
        #expect(entries.allSatisfy { $0.state == .deadLetter && $0.attempts == 6 && $0.lastCode == "GRAPH_2" })
    }

    @Test func anExpiredOAuthTokenIsRefreshedOnceAndTheRunGoesOn() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let engine = harness.engine(.linkedIn, tokens: harness.tokens())
        let first = try await harness.run(.linkedIn, deals: 10, engine: engine)
        #expect(first.accepted == first.sent && first.sent > 0 && harness.sandbox.oauth.grants == 1)
        // The token the source cached is revoked: the next request gets a 401, one refresh, and goes on.
        harness.sandbox.oauth.expireAll()
        let second = try await harness.run(.linkedIn, deals: 20, engine: engine)
        #expect(second.accepted == second.sent && second.sent > 0 && second.stopped == nil)
        #expect(harness.sandbox.oauth.grants == 2)
        #expect(harness.counts(.linkedIn).held == first.sent + second.sent)
    }

    @Test func aRevokedRefreshTokenStopsWithWhatToDoAndLosesNothing() async throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let engine = harness.engine(.googleDataManager, tokens: harness.tokens(refreshToken: "revoked"))
        let summary = try await harness.run(.googleDataManager, deals: 10, engine: engine)
        #expect(summary.stopped?.contains("invalid_grant") == true)
        #expect(summary.stopped?.contains("authorize again") == true)
        #expect(summary.accepted == 0 && harness.counts(.googleDataManager).requests == 0)
        #expect(try await harness.states() == [.retrying: summary.retrying])
        // A refused fixed token cannot be refreshed: the destination stops and says so.
        let fixed = harness.engine(.meta, tokens: StaticAccessToken(Secret("sbx-at-999")))
        let meta = try await harness.run(.meta, deals: 5, engine: fixed)
        #expect(meta.stopped?.contains("cannot be refreshed") == true)
    }

    @Test func aGoogleServiceAccountSignsItsOwnTokenRequestAndAWrongKeyIsRefused() async throws {
        let account = try RSASHA256.generateKeyPair()
        let impostor = try RSASHA256.generateKeyPair()
        let email = "revloop@project.iam.gserviceaccount.com"
        let harness = try Harness(serviceAccounts: [email: account.publicPEM])
        defer { harness.server.stop() }
        func source(_ privatePEM: String) throws -> GoogleServiceAccountSource {
            let keyFile = try JSONSerialization.data(withJSONObject: [
                "type": "service_account", "client_email": email, "private_key": privatePEM,
                "token_uri": harness.server.baseURL.appendingPathComponent("token").absoluteString,
            ])
            return try GoogleServiceAccountSource(
                key: .init(json: Secret(String(decoding: keyFile, as: UTF8.self))),
                scope: GoogleServiceAccountSource.scope(for: .googleDataManager), transport: URLSessionHTTPTransport(),
                clock: FixedWallClock(PlanFixtures.asOf))
        }
        let good = harness.engine(.googleDataManager, tokens: try source(account.privatePEM))
        let summary = try await harness.run(.googleDataManager, deals: 10, engine: good)
        #expect(summary.accepted == summary.sent && summary.sent > 0 && harness.sandbox.oauth.grants == 1)
        let bad = harness.engine(.googleDataManager, tokens: try source(impostor.privatePEM))
        let refused = try await harness.run(.googleDataManager, deals: 20, engine: bad)
        #expect(refused.stopped?.contains("invalid_grant") == true && refused.accepted == 0)
        #expect(harness.sandbox.oauth.grants == 1)
    }

    /// A clock whose first wait is interrupted by a stop request (as SIGTERM does to `revloop schedule`).
    final class StoppingClock: DelayClock {
        let inner = ManualDelayClock()
        let stop: StopRequest
        init(_ stop: StopRequest) { self.stop = stop }
        func now() -> Duration { inner.now() }
        func sleep(for duration: Duration) async throws {
            stop.request()
            try await inner.sleep(for: duration)
        }
    }

    @Test func aStopStartsNoNewBatchAndLeavesTheOneInFlightSettled() async throws {
        let harness = try Harness(.init(throttled: 1), seed: 1)
        defer { harness.server.stop() }
        let stop = StopRequest()
        var engine = harness.engine(.meta, settings: DeliverySettings(requestsInFlight: 1))
        engine.delayClock = StoppingClock(stop)
        engine.stop = stop
        let planned = PlanFixtures.operations(deals: 1_500, platform: .meta).count
        let summary = try await harness.run(.meta, deals: 1_500, engine: engine)
        // The first batch was throttled, the stop came during its wait: it is settled as retrying, and no
        // other batch started. Nothing is left sending; the rest was never recorded and is planned next run.
        #expect(summary.requests == 1 && summary.retrying == 1_000 && summary.accepted == 0)
        #expect(try await harness.states() == [.retrying: 1_000])
        let resumed = try await harness.run(.meta, deals: 1_500, engine: harness.engine(.meta))
        #expect(resumed.sent == planned)
    }

    @Test func dataManagerProcessingOutcomesArePolled() async throws {
        let harness = try Harness(.init(dropAfterIngest: 0.5), seed: 2)
        defer { harness.server.stop() }
        let summary = try await harness.run(.googleDataManager, deals: 6_000)
        let duplicates = summary.processing["DUPLICATE_TRANSACTION_ID", default: 0]
        #expect(duplicates > 0 && summary.processingPending == 0)
        // The ledger learns each request's outcome, by the request id its operations carry.
        var recorded = 0
        for id in Set(try await harness.ledger.ledgerEntries().values.compactMap(\.requestID)) {
            let status = try #require(try await harness.ledger.requestStatus(id: id))
            #expect(status.state == "SUCCESS" || status.state == "PARTIAL_SUCCESS")
            recorded += status.errors["DUPLICATE_TRANSACTION_ID", default: 0]
        }
        #expect(recorded == duplicates)
    }
}
