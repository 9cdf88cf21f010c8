internal import Foundation
public import RevloopCore
public import RevloopDestinations
public import RevloopHTTP
public import RevloopMapping
public import RevloopStore
internal import Synchronization

/// Plans against the ledger and delivers, every destination at once: the part `upload` and `sync` share.
///
/// Operations an earlier run left unsettled are resumed first (`DeliveryResume`), so a crash between
/// `sending` and settling never loses an operation and never sends one twice to a platform that counts
/// duplicates. Each destination gets its own engine, limiter and task: one failing platform never holds
/// up the others.
public struct DeliveryJob: Sendable {
    public var store: any SnapshotStore & LedgerStore & PauseStore
    public var config: ProjectConfig
    public var mappings: [MappingConfig]
    public var planner: ConversionPlanner
    public var connectors: [ConnectorConfig]
    public var transport: any HTTPTransport
    public var settings: DeliverySettings
    public var mode: DeliveryMode = .live
    /// Only these platforms, when set.
    public var platforms: Set<Platform>?
    /// Only these destinations (by name), when set: a cron cycle sends to the destinations that are due.
    public var destinations: Set<String>?
    public var secrets: SecretResolver = .live
    public var delayClock: any DelayClock = SystemDelayClock()
    public var wallClock: any WallClock = SystemWallClock()
    /// Once requested, each destination starts no new batch and settles the ones in flight.
    public var stop: StopRequest?

    public init(
        store: any SnapshotStore & LedgerStore & PauseStore, config: ProjectConfig, mappings: [MappingConfig],
        planner: ConversionPlanner, connectors: [ConnectorConfig], transport: any HTTPTransport,
        settings: DeliverySettings, mode: DeliveryMode = .live, platforms: Set<Platform>? = nil
    ) {
        self.store = store
        self.config = config
        self.mappings = mappings
        self.planner = planner
        self.connectors = connectors
        self.transport = transport
        self.settings = settings
        self.mode = mode
        self.platforms = platforms
    }

    /// Delivers and returns one summary per destination that had something to send, in name order.
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> [DestinationDelivery] {
        try await runReporting(progress: progress).deliveries
    }

    /// What the run saw of each destination's health besides its summary, for the alerts.
    public struct Health: Sendable {
        /// Match-key rate by destination (`MatchKeyTally`), where the run had enough recent conversions.
        public var matchKeyRates: [String: Double] = [:]
        /// When each delivered destination's credential expires, where known.
        public var credentialExpiry: [String: Timestamp] = [:]
        /// Goals held back by the value guard, by destination.
        public var valueOutliers: [String: [ValueOutlierGuard.Outlier]] = [:]
    }

    /// `run`, also returning what the alerts read.
    public func runReporting(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> (
        deliveries: [DestinationDelivery], health: Health
    ) {
        let now = wallClock.now()
        let recorded = try await store.ledgerEntries()
        let view = DeliveryResume.view(of: recorded, resendInDoubt: settings.resendInDoubt, now: now)
        let destinationOfGoal = Dictionary(
            mappings.map { ($0.name, $0.destination) }, uniquingKeysWith: { first, _ in first })
        var inDoubt: [String: Int] = [:]
        if mode == .live, !view.inDoubt.isEmpty {
            try await store.record(view.inDoubt, note: "left sending by an interrupted run; in doubt, not resent")
            for entry in view.inDoubt { inDoubt[destinationOfGoal[entry.goal] ?? entry.goal, default: 0] += 1 }
        }

        var job = PlanJob(store: store, planner: planner, connectors: connectors)
        job.ledger = view.ledger
        var byDestination: [String: [PlannedOperation]] = [:]
        var tallies: [String: MatchKeyTally] = [:]
        let asOf = planner.asOf
        try await job.run { _, operations in
            for operation in operations {
                if let platforms, !platforms.contains(operation.platform) { continue }
                let destination = destinationOfGoal[operation.goal] ?? operation.goal
                if let destinations, !destinations.contains(destination) { continue }
                tallies[destination, default: MatchKeyTally(asOf: asOf)].count(operation)
                if operation.sends { byDestination[destination, default: []].append(operation) }
            }
        }
        var health = Health()
        health.matchKeyRates = tallies.compactMapValues(\.rate)
        if mode == .live, let multiple = config.alerts?.pauseAboveMedianValue {
            for (name, operations) in byDestination {
                let outliers = ValueOutlierGuard.outliers(in: operations, ledger: recorded, multiple: multiple)
                guard !outliers.isEmpty else { continue }
                health.valueOutliers[name] = outliers
                // Paused in the store, so the engine holds the goal's operations back from the first batch on
                // and later runs keep holding them until a person resumes the goal.
                for outlier in outliers {
                    try await store.pause(
                        "\(name)/\(outlier.goal)",
                        reason:
                            "paused automatically: a value above \(DeliveryAlerts.number(multiple)) times the goal's median",
                        at: now)
                }
            }
        }
        let expiries = CredentialExpiries()

        let board = ProgressBoard()
        let inDoubtCounts = inDoubt
        var deliveries = try await withThrowingTaskGroup(of: DestinationDelivery.self) { group in
            for (name, operations) in byDestination {
                guard let destination = config.destinations[name] else { continue }
                group.addTask {
                    var summary = try await deliver(
                        operations, to: destination, known: recorded, now: now, expiries: expiries
                    ) { summary in
                        progress("upload: " + board.post(name, "\(name) \(summary.accepted)/\(summary.sent)"))
                    }
                    summary.inDoubt += inDoubtCounts[name] ?? 0
                    return DestinationDelivery(destination: name, summary: summary)
                }
            }
            var deliveries: [DestinationDelivery] = []
            for try await delivery in group { deliveries.append(delivery) }
            return deliveries
        }
        for (name, count) in inDoubt where byDestination[name] == nil {
            guard let destination = config.destinations[name] else { continue }
            var summary = DeliverySummary(platform: destination.platform)
            summary.inDoubt = count
            deliveries.append(DestinationDelivery(destination: name, summary: summary))
        }
        health.credentialExpiry = expiries.all
        return (deliveries.sorted { $0.destination < $1.destination }, health)
    }

    /// The destination's token: from a Google service account's key, refreshed through OAuth when it has
    /// a refresh token, else its access token.
    static func tokenSource(
        for destination: DestinationConfig, configPath: String, secrets: SecretResolver, transport: any HTTPTransport,
        clock: any WallClock
    ) throws -> any AccessTokenSource {
        if let keyFile = destination.serviceAccountKey {
            return try GoogleServiceAccountSource(
                key: GoogleServiceAccountSource.Key(json: try secrets.resolve(keyFile)),
                scope: GoogleServiceAccountSource.scope(for: destination.platform),
                tokenURL: destination.tokenURL.flatMap(URL.init(string:)), transport: transport, clock: clock)
        }
        if let refresh = destination.refreshToken, let clientID = destination.clientID,
            let secret = destination.clientSecret
        {
            guard
                let url = destination.tokenURL.flatMap(URL.init(string:))
                    ?? OAuthRefreshTokenSource.defaultTokenURL(for: destination.platform)
            else { throw TokenError("'token_url' of destination '\(destination.name)' is not a URL") }
            return OAuthRefreshTokenSource(
                tokenURL: url, clientID: clientID, clientSecret: try secrets.resolve(secret),
                refreshToken: try secrets.resolve(refresh), transport: transport, clock: clock)
        }
        guard let reference = destination.accessToken else {
            throw TokenError(
                "set `access_token` (or `refresh_token` with `client_id` and `client_secret`, or Google's `service_account_key`) for destination '\(destination.name)' in \(configPath)"
            )
        }
        return StaticAccessToken(try secrets.resolve(reference), expiresAt: destination.tokenExpiresAt)
    }

    /// The destination's pinned `api_version` in the request options.
    static func pinVersion(of destination: DestinationConfig, in options: inout WireOptions) {
        guard let version = destination.apiVersion else { return }
        switch destination.platform {
        case .linkedIn: options.linkedInVersion = version
        case .meta: options.metaGraphVersion = version
        case .googleAds: options.googleAdsVersion = version
        case .googleDataManager: break
        }
    }

    private func deliver(
        _ operations: [PlannedOperation], to destination: DestinationConfig, known: [DedupKey: LedgerEntry],
        now: Timestamp, expiries: CredentialExpiries, progress: @escaping @Sendable (DeliverySummary) -> Void
    ) async throws -> DeliverySummary {
        var summary = DeliverySummary(platform: destination.platform)
        summary.planned = operations.count
        var options = WireOptions(adjustmentTime: now, baseURL: destination.baseURL)
        Self.pinVersion(of: destination, in: &options)
        options.batchSize = destination.batchSize
        if destination.paused {
            summary.notSent = "paused in \(config.sourcePath) (`paused: true`)"
            summary.paused = operations.count
            return summary
        }
        switch (mode, destination.platform) {
        case (.live, _): break
        case (_, .googleDataManager), (_, .googleAds): options.validateOnly = true
        case (.test, .meta):
            guard let code = destination.testEventCode else {
                summary.stopped =
                    "NO_TEST_EVENT_CODE: set `test_event_code` for this destination (Events Manager > Test Events)"
                return summary
            }
            options.metaTestEventCode = code
        default:
            summary.notSent =
                "\(destination.platform.rawValue) cannot check events without ingesting them, so a \(mode == .test ? "test" : "validate-only") run sends it nothing"
            return summary
        }
        let tokens: any AccessTokenSource
        do {
            tokens = try Self.tokenSource(
                for: destination, configPath: config.sourcePath, secrets: secrets, transport: transport,
                clock: wallClock)
        } catch {
            summary.stopped = "NO_TOKEN: \(error)"
            return summary
        }
        var settings = settings
        settings.recordsInLedger = mode == .live
        if let inFlight = destination.requestsInFlight { settings.requestsInFlight = inFlight }
        var engine = DeliveryEngine(
            platform: destination.platform, transport: transport, ledger: store, options: options, settings: settings,
            delayClock: delayClock, wallClock: wallClock,
            // The window is half a second longer than the quota's minute, so latency that varies between the
            // first and the last request of a window never lands one over the platform's count.
            limiter: destination.effectiveRequestsPerMinute.map {
                SlidingWindowLimiter(limit: $0, window: .milliseconds(60_500), clock: delayClock)
            }, tokens: tokens)
        engine.stop = stop
        let configPaused = Set(mappings.filter { $0.destination == destination.name && $0.paused }.map(\.name))
        engine.pausedGoals = { [store, name = destination.name] in
            // The file's switches, and the command's, read again before every batch.
            let switches = (try? await store.pauses()) ?? [:]
            if switches[name] != nil { return ["*"] }
            let prefix = name + "/"
            return configPaused.union(
                switches.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        }
        var delivered = try await engine.deliver(operations, known: known, progress: progress)
        delivered.planned = operations.count
        if let expiry = tokens.credentialExpiry { expiries.set(destination.name, expiry) }
        return delivered
    }
}

/// Each destination's credential expiry as its task learns it.
final class CredentialExpiries: Sendable {
    private let values = Mutex([String: Timestamp]())

    func set(_ name: String, _ expiry: Timestamp) { values.withLock { $0[name] = expiry } }

    var all: [String: Timestamp] { values.withLock { $0 } }
}

/// The latest progress line of each destination, shared by their tasks.
private final class ProgressBoard: Sendable {
    private let lines = Mutex([String: String]())

    /// Posts one destination's line and returns every destination's, in name order.
    func post(_ name: String, _ line: String) -> String {
        lines.withLock { lines in
            lines[name] = line
            return lines.keys.sorted().compactMap { lines[$0] }.joined(separator: ", ")
        }
    }
}
