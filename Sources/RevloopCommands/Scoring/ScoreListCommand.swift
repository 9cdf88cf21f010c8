internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopStore

/// `revloop score list`: the model registry, newest first.
struct ScoreListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List trained models: version, training window, data fingerprint, metrics, which is active.",
        discussion: """
            One model per purpose is active: the deal_win model gives `predicted` goals their win probability, the \
            lead_win model the lead score of a known person with no open deal. A stopped model \
            (its calibration drifted past the shutdown criterion) stays listed as active but feeds no values: goals \
            fall back to stage probability until `revloop score activate` picks a model again.

            Examples:
              revloop score list
              revloop score list --format json
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Only models of this purpose: deal or lead (deal_win, lead_win).")
    var purpose: ScoringPurpose?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let models = try await store.models(purpose: purpose?.registryName)
        if format == .json {
            try output.json(models.map(ScoreModelSummary.init))
            return
        }
        guard !models.isEmpty else {
            output.result("No models yet: `revloop score train` trains one from the store's closed deals.")
            return
        }
        var rows = [["version", "purpose", "kind", "trained", "window", "rows", "AUC", "ECE", "state"]]
        for model in models {
            rows.append([
                model.version, model.purpose, model.kind, model.trainedAt.utcDay.description,
                "\(model.windowStart.utcDay)..\(model.windowEnd.utcDay)", String(model.rows),
                model.metrics["auc"].map { ScoreModelSummary.fixed($0, 3) } ?? "-",
                model.metrics["ece"].map { ScoreModelSummary.fixed($0, 4) } ?? "-",
                ScoreModelSummary.state(of: model),
            ])
        }
        output.result(PlanReport.table(rows).joined(separator: "\n"))
    }
}
