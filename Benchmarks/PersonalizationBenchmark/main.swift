import Foundation
import RevloopPersonalization

// Personalization benchmark (release build):
//   PersonalizationBenchmark simulate DIR SEED... [--lambda L] [--scale V] [--delay N]
//     replays DIR/env-SEED.csv (Benchmarks/personalize_peer.py generate) with Revloop's LinTS.
//   PersonalizationBenchmark engine DIR SEED...
//     the whole PersonalizationEngine (in-memory log) on the same files: us per decide and per record.
//   PersonalizationBenchmark ope FILE
//     IPS, SNIPS and DR on the rows Scripts/ope-obp.sh exports from the Open Bandit sample.
var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Double, in arguments: inout [String]) -> Double {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    let value = Double(arguments[index + 1])!
    arguments.removeSubrange(index...(index + 1))
    return value
}
let command = arguments.removeFirst()
switch command {
case "simulate":
    // The engine's defaults unless told otherwise: the benchmark measures what ships.
    let defaults = PersonalizationSettings()
    let lambda = option("--lambda", defaults.priorPrecision, in: &arguments)
    let scale = option("--scale", defaults.explorationScale, in: &arguments)
    let delay = Int(option("--delay", 0, in: &arguments))
    let directory = arguments.removeFirst()
    var rows: [SimulatorReplay.Result] = []
    for seedText in arguments {
        let seed = UInt64(seedText)!
        let environment = try SimulatorReplay.load("\(directory)/env-\(seed).csv")
        let result = SimulatorReplay.run(
            environment, seed: seed, priorPrecision: lambda, explorationScale: scale, delay: delay)
        rows.append(result)
        print(
            String(
                format:
                    "%-28@ seed %llu: %6.2f %% of oracle, observed CTR %.4f, %7.2f us/decision (+%.2f us/reward), holdout IPS of final greedy %.4f (truth %.4f)",
                "Revloop LinTS" as NSString, seed, 100 * result.shareOfOracle, result.observedCTR,
                result.microsecondsPerDecision, result.microsecondsPerReward, result.holdoutIPS,
                result.finalGreedyValue))
    }
    let n = Double(rows.count)
    print(
        String(
            format:
                "mean over seeds: Revloop LinTS (lambda %.2f, v %.2f, delay %d) %6.2f %% of oracle, CTR %.4f, %.2f us/decision",
            lambda, scale, delay, 100 * rows.map(\.shareOfOracle).reduce(0, +) / n,
            rows.map(\.observedCTR).reduce(0, +) / n, rows.map(\.microsecondsPerDecision).reduce(0, +) / n))
case "engine":
    let directory = arguments.removeFirst()
    for seedText in arguments {
        guard let seed = UInt64(seedText) else { fatalError("seed '\(seedText)' is not a number") }
        let environment = try SimulatorReplay.load("\(directory)/env-\(seed).csv")
        try await EngineReplay.run(environment, seed: seed, count: 50_000)
    }
case "ope":
    try OPEReplay.run(path: arguments.removeFirst())
default:
    print("usage: PersonalizationBenchmark simulate DIR SEED... | engine DIR SEED... | ope FILE")
    exit(64)
}
