internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopSandbox

/// `revloop sandbox`: the ad-platform emulators on loopback.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract:
            "Serve emulators of the Data Manager, Google Ads, Meta, LinkedIn, HubSpot, Pipedrive and Salesforce APIs on 127.0.0.1.",
        discussion: """
            The emulators validate requests as the platforms document (formats, windows, batch limits, hash shapes, \
            headers) and answer in their shapes; faults can be switched on. GET /_sandbox/stats shows what each \
            received and holds. POST /token and /oauth/v2/accessToken emulate Google's and LinkedIn's OAuth \
            refresh-token grant for the client revloop.sandbox.yaml uses. revloop.sandbox.yaml points a project at \
            them. The platforms' reporting APIs are there too (Google Ads googleAds:searchStream, Meta insights, \
            LinkedIn adAccounts and adAnalytics), reporting a fixed set of campaigns' daily spend for \
            `revloop spend pull`.

            The same port serves HubSpot's CRM API (/crm/v3/..., /crm/v4/associations/..., and the 2026-03 paths) \
            with the sample generator's deals and contacts, and its sales-led activities as meetings, calls and \
            emails (--hubspot-deals), for sandbox/hubspot.yaml; \
            any well-formed bearer token is accepted, and the fault switches apply to it too. GET /_sandbox/hubspot \
            shows what it answered.

            It serves Pipedrive's API v2 too (/api/v2/deals, persons, activities, pipelines, stages) with the same \
            sample's deals, persons and activities (--pipedrive-deals), and of v1 a deal's flow \
            (/api/v1/deals/ID/flow) and the person merge (PUT /api/v1/persons/ID/merge with merge_with_id), for \
            sandbox/pipedrive.yaml; any non-empty x-api-token is accepted, and the fault switches apply. \
            GET /_sandbox/pipedrive shows what it answered; POST /_sandbox/pipedrive/merge?count=N merges N pairs \
            of persons now, so the next pull has merges to reconcile.

            It also serves Salesforce's REST API (/services/oauth2/token, /services/data/vNN.N/query and queryAll \
            with nextRecordsUrl paging) with the same sample, its activities as Task and Event rows \
            (--salesforce-deals), for sandbox/salesforce.yaml; the \
            token endpoint's instance_url points back at the sandbox. GET /_sandbox/salesforce shows what it answered.

            Examples:
              revloop sandbox &
              revloop sync -c revloop.sandbox.yaml
              revloop sandbox --server-errors 0.1 --throttled 0.05 --drops 0.01 --poisoned 0.001 --seed 7
            """)

    @Option(help: "The port on 127.0.0.1.")
    var port: UInt16 = 8450

    @Option(help: "Share of requests answered 500/503.")
    var serverErrors = 0.0

    @Option(help: "Share of requests answered 429 with Retry-After (Meta: code 17).")
    var throttled = 0.0

    @Option(help: "Share of requests ingested and then dropped without an answer.")
    var drops = 0.0

    @Option(help: "Share of requests ingested and answered only after --stall-seconds (the client times out).")
    var stalls = 0.0

    @Option(help: "How long a stalled request waits before its answer.")
    var stallSeconds = 35.0

    @Option(help: "Share of events refused as invalid (by event id, so a retry is refused again).")
    var poisoned = 0.0

    @Option(help: "Seconds in Retry-After.")
    var retryAfter = 1

    @Option(help: "Requests a minute each platform admits, over any 60-second window (0: no limit); more get 429.")
    var requestsPerMinute = 0

    @Option(
        help: ArgumentHelp(
            "A Google service account key file (JSON) whose JWTs the token endpoint accepts; repeatable.",
            valueName: "file"))
    var serviceAccount: [String] = []

    @Option(help: "Seconds the OAuth tokens the sandbox issues stay valid.")
    var tokenLifetime: Int64 = 3_600

    @Option(help: "Days LinkedIn's token endpoint says the refresh token has left (refresh_token_expires_in).")
    var refreshTokenDays: Int64 = 365

    @Option(help: "Seed for the faults.")
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            "Check time windows against this instant (RFC 3339) instead of the clock, for reproducible runs.",
            valueName: "instant"))
    var asOf: String?

    @Option(help: "Deals in the HubSpot emulator's dataset (the sample generator's, anchored at today).")
    var hubspotDeals = 3_000

    @Option(help: "Seed of the HubSpot emulator's dataset.")
    var hubspotSeed: UInt64 = 42

    @Option(help: "Deals in the Pipedrive emulator's dataset (the sample generator's, anchored at today).")
    var pipedriveDeals = 3_000

    @Option(help: "Seed of the Pipedrive emulator's dataset.")
    var pipedriveSeed: UInt64 = 42

    @Option(help: "Requests the HubSpot emulator admits in any 10 seconds (HubSpot: 100 to 250; 0: no limit).")
    var hubspotTenSecondLimit = 0

    @Option(help: "Search requests the HubSpot emulator admits in any second (HubSpot: 5; 0: no limit).")
    var hubspotSearchLimit = 0

    @Option(help: "Opportunities in the Salesforce emulator's dataset (the sample generator's, anchored at today).")
    var salesforceDeals = 3_000

    @Option(help: "Seed of the Salesforce emulator's dataset.")
    var salesforceSeed: UInt64 = 42

    @Flag(help: "Emulate a single-currency Salesforce org (no CurrencyIsoCode field).")
    var salesforceSingleCurrency = false

    @Option(help: "API requests the Salesforce emulator admits in all before 403 REQUEST_LIMIT_EXCEEDED (0: no limit).")
    var salesforceDailyLimit = 0

    @Option(
        help: ArgumentHelp(
            "A PEM public key whose JWT bearer assertions the Salesforce token endpoint accepts for client_id "
                + "sandbox-client.", valueName: "file"))
    var salesforceJwtKey: String?

    @Option(help: "The user (sub) the Salesforce JWT bearer flow is approved for.")
    var salesforceJwtUser = "integration@example.com"

    @Flag(help: "Refuse Google Ads API uploads as CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE, as for new adopters.")
    var notAllowlisted = false

    /// `client_email` to `private_key` of each key file given (the emulator verifies with the private key).
    private func serviceAccountKeys() throws -> [String: String] {
        var keys: [String: String] = [:]
        for path in serviceAccount {
            guard let data = FileManager.default.contents(atPath: path),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let email = object["client_email"] as? String, let key = object["private_key"] as? String
            else {
                throw ValidationError(
                    "--service-account \(path): not a readable Google key file (client_email, private_key)")
            }
            keys[email] = key
        }
        return keys
    }

    func run() async throws {
        let faults = SandboxFaults(
            .init(
                serverError: serverErrors, throttled: throttled, dropAfterIngest: drops, poisonedEvents: poisoned,
                retryAfterSeconds: retryAfter, stalled: stalls, stallSeconds: stallSeconds), seed: seed)
        var clock: any WallClock = SystemWallClock()
        if let asOf {
            guard let instant = RFC3339.parse(asOf) else {
                throw ValidationError("--as-of '\(asOf)' is not a timestamp with a zone (2026-11-29T12:00:00Z)")
            }
            clock = FixedWallClock(instant)
        }
        // The OAuth client revloop.sandbox.yaml refreshes with: its secret and refresh token are the dummy value
        // in sandbox/token.txt.
        let dummy = "sandbox-token-not-a-secret"
        let sandbox = AdPlatformSandbox(
            faults: faults, clock: clock, googleAdsAllowlisted: !notAllowlisted, requestsPerMinute: requestsPerMinute,
            oauth: OAuthEmulator(
                clients: [.init(id: "sandbox-client", secret: dummy, refreshToken: dummy)],
                serviceAccounts: try serviceAccountKeys(), lifetimeSeconds: tokenLifetime,
                refreshTokenSeconds: refreshTokenDays * 86_400))
        let dataset = HubSpotSampleDataset.make(
            seed: hubspotSeed, dealCount: hubspotDeals, anchor: clock.now().utcDay)
        // Faults of their own (same shares and seed): CRM reads never shift the ad platforms' fault sequence.
        let hubspot = HubSpotEmulator(
            dataset: dataset,
            options: HubSpotEmulator.Options(
                oauthClients: [.init(id: "sandbox-client", secret: dummy, refreshToken: dummy)],
                requestsPerTenSeconds: hubspotTenSecondLimit, searchRequestsPerSecond: hubspotSearchLimit),
            faults: SandboxFaults(faults.shares, seed: seed), clock: clock)
        let pipedriveDataset = PipedriveSampleDataset.make(
            seed: pipedriveSeed, dealCount: pipedriveDeals, anchor: clock.now().utcDay)
        let pipedrive = PipedriveEmulator(
            dataset: pipedriveDataset, faults: SandboxFaults(faults.shares, seed: seed &+ 1), clock: clock)
        let salesforceDataset = SalesforceSampleDataset.make(
            seed: salesforceSeed, dealCount: salesforceDeals, anchor: clock.now().utcDay)
        var jwtClients: [SalesforceEmulator.JWTClient] = []
        if let path = salesforceJwtKey {
            guard let key = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }),
                key.contains("PUBLIC KEY")
            else { throw ValidationError("--salesforce-jwt-key \(path): not a readable PEM public key") }
            jwtClients = [.init(consumerKey: "sandbox-client", publicKeyPEM: key, usernames: [salesforceJwtUser])]
        }
        let salesforce = SalesforceEmulator(
            dataset: salesforceDataset,
            options: SalesforceEmulator.Options(
                refreshClients: [.init(clientID: "sandbox-client", clientSecret: dummy, refreshToken: dummy)],
                jwtClients: jwtClients,
                isMultiCurrency: !salesforceSingleCurrency, dailyRequests: salesforceDailyLimit),
            faults: SandboxFaults(faults.shares, seed: seed), clock: clock)
        let server = try LoopbackServer(port: port) { request in
            let path = request.url.path
            if hubspot.handles(path: path) { return hubspot.handle(request) }
            if pipedrive.handles(path: path) { return pipedrive.handle(request) }
            if salesforce.handles(path: path) { return salesforce.handle(request) }
            return sandbox.handle(request)
        }
        let output = Output(progress: false)
        output.error(
            "sandbox: serving Data Manager, Google Ads, Meta and LinkedIn (conversions and spend reports) on \(server.baseURL) (stats: \(server.baseURL)/_sandbox/stats); Ctrl-C stops"
        )
        output.error(
            "sandbox: serving HubSpot (\(dataset.liveDealCount) deals, \(dataset.contacts.count) contacts, \(dataset.engagements.count) engagements; v3 and 2026-03 paths) on \(server.baseURL) (stats: \(server.baseURL)/_sandbox/hubspot)"
        )
        output.error(
            "sandbox: serving Pipedrive (\(pipedriveDataset.liveDealCount) deals, \(pipedriveDataset.persons.count) persons, \(pipedriveDataset.activities.count) activities; /api/v2) on \(server.baseURL) (stats: \(server.baseURL)/_sandbox/pipedrive)"
        )
        output.error(
            "sandbox: serving Salesforce (\(salesforceDataset.liveCount("Opportunity")) opportunities, \(salesforceDataset.liveCount("Contact")) contacts, \(salesforceDataset.liveCount("Task")) tasks, \(salesforceDataset.liveCount("Event")) events; \(salesforceSingleCurrency ? "single" : "multi")-currency) on \(server.baseURL) (stats: \(server.baseURL)/_sandbox/salesforce)"
        )
        while true { try await Task.sleep(for: .seconds(3_600)) }
    }
}
