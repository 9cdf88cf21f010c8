internal import ArgumentParser
internal import Foundation
internal import RevloopSandbox

/// `revloop sandbox`: the ad-platform emulators on loopback.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve emulators of the Data Manager, Google Ads, Meta and LinkedIn APIs on 127.0.0.1.",
        discussion: """
            The emulators validate requests as the platforms document (formats, windows, batch limits, hash shapes, \
            headers) and answer in their shapes; faults can be switched on. GET /_sandbox/stats shows what each \
            received and holds. revloop.sandbox.yaml points a project at them.

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

    @Option(help: "Share of events refused as invalid (by event id, so a retry is refused again).")
    var poisoned = 0.0

    @Option(help: "Seconds in Retry-After.")
    var retryAfter = 1

    @Option(help: "Seed for the faults.")
    var seed: UInt64 = 1

    @Flag(help: "Refuse Google Ads API uploads as CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE, as for new adopters.")
    var notAllowlisted = false

    func run() async throws {
        let faults = SandboxFaults(
            .init(
                serverError: serverErrors, throttled: throttled, dropAfterIngest: drops, poisonedEvents: poisoned,
                retryAfterSeconds: retryAfter), seed: seed)
        let sandbox = AdPlatformSandbox(faults: faults, googleAdsAllowlisted: !notAllowlisted)
        let server = try sandbox.serve(port: port)
        Output(progress: false).error(
            "sandbox: serving Data Manager, Google Ads, Meta and LinkedIn on \(server.baseURL) (stats: \(server.baseURL)/_sandbox/stats); Ctrl-C stops"
        )
        while true { try await Task.sleep(for: .seconds(3_600)) }
    }
}
