// Delivery throughput (issue 6): planned operations through the whole delivery path (render, the
// ledger's sending and settled transactions in SQLite, HTTP over loopback, the platform's answer) with
// the emulators' limits off. Three runs per platform, each on a fresh store and a fresh emulator: the
// emulator in its own process (`revloop sandbox`), so the figure is the client's, sharing two cores.
// A second row times the same path with an instant in-process answer, to show what the ledger alone costs.
//
// Usage: REVLOOP_BENCHMARKS=1 swift build -c release --product DeliveryBenchmark --product revloop
//        .build/release/DeliveryBenchmark [DEALS] [SANDBOX_URL] [PLATFORM,...]
import Foundation
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import RevloopStore
import RevloopTesting

let deals = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let sandboxURL = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "http://127.0.0.1:8450"
let platforms =
    CommandLine.arguments.count > 3
    ? CommandLine.arguments[3].split(separator: ",").compactMap { Platform(rawValue: String($0)) }
    : [Platform.googleDataManager, .meta, .linkedIn]

/// Answers every request at once with the platform's success shape: the ledger's cost alone.
struct InstantTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let path = request.url.path
        if path.hasPrefix("/rest/") {
            let count =
                (request.body.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] } ?? nil)?[
                    "elements"] as? [Any]
            let elements = String(repeating: #"{"status":201},"#, count: count?.count ?? 0).dropLast()
            return HTTPResponse(status: 200, body: Data(#"{"elements":[\#(elements)]}"#.utf8))
        }
        if path.contains(":upload") { return HTTPResponse(status: 200, body: Data(#"{"results":[]}"#.utf8)) }
        return HTTPResponse(status: 200, body: Data(#"{"requestId":"r","events_received":1}"#.utf8))
    }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

print("deals: \(deals); emulator: \(sandboxURL) (restart it between platforms for a clean tally)")
print("platform              operations  requests  median s   events/s   (instant answer: events/s)")
for platform in platforms {
    let operations = PlanFixtures.operations(deals: deals, platform: platform)
    var loopback: [Double] = []
    var instant: [Double] = []
    var requests = 0
    for round in 0..<3 {
        for useEmulator in [true, false] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "delivery-bench-\(round)-\(useEmulator)")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
            // The emulator checks windows against its own clock: the fixtures' operations are a few days old
            // relative to 2026-11-29, so the emulator is started with a matching date (see the script).
            let options = WireOptions(
                adjustmentTime: PlanFixtures.asOf, authorization: "Bearer bench", baseURL: sandboxURL)
            let engine = DeliveryEngine(
                platform: platform, transport: useEmulator ? URLSessionHTTPTransport() : InstantTransport(),
                ledger: store, options: options,
                settings: DeliverySettings(
                    requestsInFlight: Int(ProcessInfo.processInfo.environment["IN_FLIGHT"] ?? "") ?? 4),
                wallClock: FixedWallClock(PlanFixtures.asOf))
            let start = ContinuousClock.now
            let summary = try await engine.deliver(operations, known: [:])
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            guard summary.accepted == operations.count else {
                print("\(platform.rawValue): only \(summary.accepted) of \(operations.count) accepted: \(summary)")
                exit(1)
            }
            if useEmulator {
                loopback.append(seconds)
                requests = summary.requests
            } else {
                instant.append(seconds)
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }
    let rate = Double(operations.count) / median(loopback)
    let ledgerRate = Double(operations.count) / median(instant)
    print(
        platform.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0),
        String(operations.count).padding(toLength: 11, withPad: " ", startingAt: 0),
        String(requests).padding(toLength: 9, withPad: " ", startingAt: 0),
        String(median(loopback)).prefix(6).padding(toLength: 10, withPad: " ", startingAt: 0),
        String(Int(rate)).padding(toLength: 10, withPad: " ", startingAt: 0),
        " (\(Int(ledgerRate)))")
}
