import Foundation
import RevloopCore
import RevloopPersonalization

/// Reads the rounds `Benchmarks/ope_obp.py export` wrote and prints Revloop's IPS, SNIPS and DR on them.
enum OPEReplay {
    struct MalformedRow: Error, CustomStringConvertible {
        var line: Int
        var description: String { "line \(line): expected action, position, reward, pscore, 80 pi, 80 q" }
    }

    static func run(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rounds: [OffPolicyRound] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).dropFirst().enumerated() {
            let parsed = line.split(separator: ",").map { Double($0) }
            let fields = parsed.compactMap { $0 }
            let actions = (fields.count - 4) / 2
            guard fields.count == parsed.count, fields.count >= 6, (fields.count - 4) % 2 == 0 else {
                throw MalformedRow(line: number + 2)
            }
            rounds.append(
                OffPolicyRound(
                    action: Int(fields[0]), reward: fields[2], propensity: fields[3],
                    targetProbabilities: Array(fields[4..<(4 + actions)]),
                    estimatedRewards: Array(fields[(4 + actions)...])))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var generator = SeededRandomNumberGenerator(seed: 12345)
        let estimate = OffPolicyEvaluator.estimate(rounds, resamples: 200, using: &generator)
        let elapsed = clock.now - start
        print("rounds \(estimate.rounds)")
        print("ips \(estimate.ips)")
        print("snips \(estimate.snips)")
        print("dr \(estimate.doublyRobust)")
        print("effective_sample_size \(estimate.effectiveSampleSize)")
        if let ips = estimate.ipsInterval, let snips = estimate.snipsInterval, let dr = estimate.doublyRobustInterval {
            print("ips_95%_bootstrap [\(ips.lower), \(ips.upper)]")
            print("snips_95%_bootstrap [\(snips.lower), \(snips.upper)]")
            print("dr_95%_bootstrap [\(dr.lower), \(dr.upper)]")
        }
        print("seconds_for_estimates_and_200_bootstrap_resamples \(elapsed)")
    }
}
