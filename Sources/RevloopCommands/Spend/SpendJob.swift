public import RevloopCore
internal import RevloopDestinations
public import RevloopHTTP
public import RevloopStore

/// Reads each destination's daily campaign spend from its platform's reporting API into the store: the
/// spend `revloop allocate --spend store` splits the budget by. One destination failing leaves the others'
/// rows saved; each destination's days are saved whole, so a day pulled again is restated, never doubled.
public struct SpendJob: Sendable {
    public var store: any SpendStore
    public var config: ProjectConfig
    public var transport: any HTTPTransport
    public var secrets: SecretResolver = .live
    public var wallClock: any WallClock = SystemWallClock()
    public var delayClock: any DelayClock = SystemDelayClock()

    /// One destination's outcome.
    public struct Outcome: Sendable, Encodable {
        public var destination: String
        public var channel: String
        public var rows: Int
        public var campaigns: Int
        /// Total spend by currency code, in minor units.
        public var spend: [String: Int64]
        public var error: String?
    }

    public init(store: any SpendStore, config: ProjectConfig, transport: any HTTPTransport) {
        self.store = store
        self.config = config
        self.transport = transport
    }

    /// The report for `destination`, or `nil` when it names no `ad_account`.
    func report(for destination: DestinationConfig) throws -> (any SpendReport)? {
        guard destination.adAccount != nil else { return nil }
        let tokens = try DeliveryJob.tokenSource(
            for: destination, configPath: config.sourcePath, secrets: secrets, transport: transport, clock: wallClock)
        var client = ReportingClient(transport: transport, tokens: tokens)
        client.delayClock = delayClock
        switch destination.platform {
        case .googleAds, .googleDataManager:
            // Data Manager has no reporting: a Google destination's spend comes from the Google Ads API.
            return GoogleAdsSpendReport(
                client: client, baseURL: destination.baseURL,
                version: destination.platform == .googleAds ? destination.apiVersion ?? "v26" : "v26")
        case .meta:
            return MetaSpendReport(
                client: client, baseURL: destination.baseURL, version: destination.apiVersion ?? "v26.0")
        case .linkedIn:
            return LinkedInSpendReport(
                client: client, baseURL: destination.baseURL, version: destination.apiVersion ?? "202611")
        }
    }

    /// Pulls `from` through `through` for every destination with an `ad_account`, in name order.
    public func run(from: CalendarDay, through: CalendarDay) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for name in config.destinations.keys.sorted() {
            guard let destination = config.destinations[name], let account = destination.adAccount else { continue }
            var outcome = Outcome(destination: name, channel: "", rows: 0, campaigns: 0, spend: [:])
            do {
                guard let report = try report(for: destination) else { continue }
                outcome.channel = report.channel
                let rows = try await report.spend(account: account, from: from, through: through)
                try await store.saveSpend(rows)
                outcome.rows = rows.count
                outcome.campaigns = Set(rows.map(\.campaign)).count
                for row in rows { outcome.spend[row.spend.currency.code, default: 0] += row.spend.minorUnits }
            } catch {
                outcome.error = "\(error)"
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}
