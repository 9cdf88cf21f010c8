internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization

/// `revloop personalize rank`: one decision, as `POST /v1/decisions` would make it, logged the same way.
struct PersonalizeRankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank the content blocks for a visitor now, and log the decision.",
        discussion: """
            Reads the inventory from personalization/*.yaml beside revloop.yaml, resolves the visitor through the \
            identity graph (a bare id is read as visitor:<id> or cookie:<id>; crm:<connector>:<id> works too), \
            applies the guardrails and eligibility rules, and ranks the eligible blocks by Thompson sampling \
            (or uniformly at random for the 10 % holdout, or in the fixed default order for a do-not-personalize \
            visitor). The decision is logged with its propensity, like one made by `revloop serve`.

            Examples:
              revloop personalize rank --visitor 7f3a9c --surface homepage_hero --context industry=fintech
              revloop personalize rank --visitor crm:hubspot:1201 --limit 5 --format json
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The visitor's id: a cookie or visitor id, or an identifier such as crm:hubspot:123.")
    var visitor: String

    @Option(help: "Where the content will show; required when the inventory has more than one surface.")
    var surface: String?

    @Option(
        name: .customLong("context"), parsing: .singleValue,
        help: ArgumentHelp("Context the surface observed, as key=value (repeatable).", valueName: "key=value"))
    var contextPairs: [String] = []

    @Option(help: "How many blocks to return, 1 to 20.")
    var limit = 3

    @Option(help: "Seed for the policy's random draws (default: a random seed).")
    var seed: UInt64?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Report: Encodable {
        var decisionID: String
        var blocks: [Block]
        var propensity: Double
        var isHoldout: Bool
        var isDefaultRanking: Bool
        var policyVersion: String

        struct Block: Encodable {
            var blockID: String
            var expectedReward: Double
        }
    }

    func validate() throws {
        for pair in contextPairs where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--context '\(pair)' is not key=value (e.g. --context industry=fintech)")
        }
        guard (1...20).contains(limit) else { throw ValidationError("--limit must be a whole number from 1 to 20") }
    }

    func run() async throws {
        let output = Output(progress: false)
        var context: [String: String] = [:]
        for pair in contextPairs {
            let parts = pair.split(separator: "=", maxSplits: 1)
            context[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let setup = try await PersonalizationSetup.open(
            project: project, output: output, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        let surfaces = setup.inventory.surfaces.sorted()
        let chosenSurface: String
        if let surface {
            chosenSurface = surface
        } else if surfaces.count == 1 {
            chosenSurface = surfaces[0]
        } else {
            throw ValidationError("--surface is required: the inventory has \(surfaces.joined(separator: ", "))")
        }
        let decision: Decision
        do {
            decision = try await setup.engine.decide(
                DecisionRequest(visitorID: visitor, surface: chosenSurface, context: context, limit: limit))
        } catch {
            switch error {
            case .unknownSurface(let name):
                output.error(
                    "error: surface '\(name)' is not in the inventory; use one of: \(surfaces.joined(separator: ", "))")
                throw ExitStatus.configInvalid
            case .invalidField(let name, let expected):
                throw ValidationError("\(name) must be \(expected)")
            default:
                output.error("error: \(error)")
                throw ExitStatus.runFailed
            }
        }
        let report = Report(
            decisionID: decision.decisionID,
            blocks: decision.blocks.map { Report.Block(blockID: $0.blockID, expectedReward: $0.expectedReward) },
            propensity: decision.propensity, isHoldout: decision.isHoldout,
            isDefaultRanking: decision.isDefaultRanking, policyVersion: decision.policyVersion)
        switch format {
        case .json: try output.json(report)
        case .text: output.result(Self.text(report))
        }
    }

    static func text(_ report: Report) -> String {
        let how =
            report.isDefaultRanking
            ? "default ranking (do not personalize)" : report.isHoldout ? "holdout (uniform)" : "Thompson sampling"
        var lines = [
            "decision \(report.decisionID): \(how), propensity \(String(format: "%.4f", report.propensity)), policy \(report.policyVersion)"
        ]
        if report.blocks.isEmpty { lines.append("  no block is eligible for this visitor on this surface") }
        for (rank, block) in report.blocks.enumerated() {
            lines.append(
                "  \(rank + 1). \(block.blockID)  expected reward \(String(format: "%.4f", block.expectedReward))")
        }
        return lines.joined(separator: "\n")
    }
}
