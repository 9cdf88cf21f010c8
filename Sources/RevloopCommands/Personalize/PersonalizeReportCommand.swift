internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization
internal import RevloopStore

/// `revloop personalize report`: the holdout's lift and an off-policy evaluation of the current model.
struct PersonalizeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the lift of personalized traffic over the holdout, and IPS/SNIPS/DR of the current model.",
        discussion: """
            From the decision log in the store: the mean reward per decision (outcomes for the block shown first, \
            weighted by kind) of personalized decisions against the holdout's uniform ones, with a 95 % Welch \
            interval; and the value of the current model's greedy policy estimated off-policy by IPS, \
            self-normalized IPS and doubly robust (the model's mean as the reward model), with the effective \
            sample size and 95 % bootstrap intervals, over all logged decisions and over the holdout alone.

            Examples:
              revloop personalize report
              revloop personalize report --resamples 1000 --format json
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Bootstrap resamples for the intervals.")
    var resamples = 200

    @Option(help: "Seed for the bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (0...100_000).contains(resamples) else { throw ValidationError("--resamples must be from 0 to 100000") }
    }

    func run() async throws {
        let output = Output(progress: false)
        let setup = try await PersonalizationSetup.open(project: project, output: output, seed: seed)
        var decisions: [LoggedDecision] = []
        var outcomes: [LoggedOutcome] = []
        do {
            var cursor: Int64 = 0
            while true {
                let batch = try await setup.store.decisions(after: cursor, limit: 10_000)
                guard let last = batch.last else { break }
                decisions += batch
                cursor = last.sequence
            }
            cursor = 0
            while true {
                let batch = try await setup.store.outcomes(after: cursor, limit: 10_000)
                guard let last = batch.last else { break }
                outcomes += batch
                cursor = last.sequence
            }
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        let (blockIDs, model, _) = await setup.engine.currentModel()
        let policyVersion = setup.engine.policyVersion
        let settings = setup.engine.settings
        var generator = SeededRandomNumberGenerator(seed: seed)
        let report = PersonalizationReport.make(
            decisions: decisions, outcomes: outcomes, blockIDs: blockIDs, model: model,
            policyVersion: policyVersion, settings: settings, resamples: resamples,
            using: &generator)
        switch format {
        case .json: try output.json(report)
        case .text: output.result(Self.text(report))
        }
    }

    static func text(_ report: PersonalizationReport) -> String {
        func number(_ value: Double) -> String { String(format: "%.4f", value) }
        func interval(_ interval: OffPolicyEstimate.Interval?) -> String {
            interval.map { " [\(number($0.lower)), \(number($0.upper))]" } ?? ""
        }
        let lift = report.lift
        var lines = [
            "decisions \(report.decisions) (personalized \(report.policyDecisions), holdout \(report.holdoutDecisions), default ranking \(report.defaultRankingDecisions)), outcomes \(report.outcomes)",
            "lift: personalized \(number(lift.treatedMean)) vs holdout \(number(lift.holdoutMean)) reward per decision, difference \(number(lift.difference)) [95 % \(number(lift.lower)), \(number(lift.upper))]"
                + (lift.relativeLift.map { String(format: " (%+.1f %%)", 100 * $0) } ?? ""),
        ]
        for (name, estimate) in [
            ("all logged decisions", report.candidate), ("holdout only", report.candidateOnHoldout),
        ] {
            lines.append(
                "current model, greedy, on \(name) (\(estimate.rounds) rounds, effective sample size \(String(format: "%.0f", estimate.effectiveSampleSize))):"
            )
            lines.append("  IPS   \(number(estimate.ips))\(interval(estimate.ipsInterval))")
            lines.append("  SNIPS \(number(estimate.snips))\(interval(estimate.snipsInterval))")
            lines.append("  DR    \(number(estimate.doublyRobust))\(interval(estimate.doublyRobustInterval))")
            lines.append("  DM    \(number(estimate.directMethod))")
        }
        return lines.joined(separator: "\n")
    }
}
