import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting
import Testing

/// A Pipedrive emulator on a loopback port and connectors pointed at it.
struct PipedriveHarness {
    /// The sample's "today": every generated event is before its midnight.
    static let anchor = SnapshotFixtures.epoch.utcDay
    static let asOf = anchor.startInUTC
    static let token = "0123456789abcdef0123456789abcdef01234567"

    let emulator: PipedriveEmulator
    let server: LoopbackServer

    init(
        deals: Int = 300, seed: UInt64 = 7, options: PipedriveEmulator.Options = .init(apiTokens: [token]),
        faults: SandboxFaults = SandboxFaults()
    ) throws {
        emulator = PipedriveEmulator(
            dataset: PipedriveSampleDataset.make(seed: seed, dealCount: deals, anchor: Self.anchor), options: options,
            faults: faults)
        server = try emulator.serve()
    }

    func config(pageSize: Int = 40, timeoutSeconds: Int = 30) -> ConnectorConfig {
        var config = ConnectorConfig(name: "pipedrive", kind: .pipedrive, sourcePath: "connectors/pipedrive.yaml")
        config.baseURL = server.baseURL.absoluteString
        config.apiToken = .environment("PIPEDRIVE_API_TOKEN")
        config.pageSize = pageSize
        config.requestTimeoutSeconds = timeoutSeconds
        var fields: [ClickIDKind: String] = [:]
        for kind in ClickIDKind.allCases { fields[kind] = PipedriveSampleDataset.clickIDFieldKeys[kind.rawValue] }
        config.clickIDProperties = fields
        return config
    }

    static func secrets(token: String = PipedriveHarness.token) -> SecretResolver {
        SecretResolver(environment: ["PIPEDRIVE_API_TOKEN": token]) { _ in nil }
    }

    /// A source on the emulator: real sockets, a manual clock (retries never sleep).
    func source(
        _ config: ConnectorConfig, clock: ManualDelayClock = ManualDelayClock(),
        retryPolicy: RetryPolicy = RetryPolicy(), secrets: SecretResolver = PipedriveHarness.secrets(),
        roster: (any SnapshotRoster)? = nil
    ) throws -> PipedriveSource {
        try PipedriveSource(
            config: config, transport: URLSessionHTTPTransport(), clock: clock, retryPolicy: retryPolicy,
            secrets: secrets, roster: roster)
    }

    /// Two persons to merge, `loser` into `survivor`: each the person of deals of its own (none shared), the loser
    /// with click ids; the `offset`-th such pair.
    func mergeablePair(offset: Int = 0) throws -> (loser: Int64, survivor: Int64) {
        let dataset = emulator.dataset
        let live = dataset.deals.filter { $0.status != .deleted }
        let withClicks = Set(dataset.persons.filter { !$0.customFields.isEmpty }.map(\.id))
        var candidates: [Int64] = []
        for deal in live {
            guard let person = deal.personID, deal.participantIDs.isEmpty, !candidates.contains(person),
                dataset.deals.allSatisfy({ $0.id == deal.id || !$0.personIDs.contains(person) })
            else { continue }
            candidates.append(person)
        }
        let losers = candidates.filter { withClicks.contains($0) }
        let loser = try #require(losers.dropFirst(offset).first)
        let survivor = try #require(candidates.last { $0 != loser && withClicks.contains($0) })
        return (loser, survivor)
    }
}
