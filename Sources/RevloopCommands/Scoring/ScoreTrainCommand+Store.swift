internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

extension ScoreTrainCommand {
    /// `revloop score train` without --csv: the project's deal model from the store, into the registry.
    func trainFromStore(_ output: Output) async throws {
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let now = try project.clock().now()
        let options = options(defaultKind: config.scoring.model == .gbdt ? .gbdt : .logistic)
        let training = DealModelTraining(options: options, windowDays: Int64(config.scoring.windowDays))
        let outcome: DealModelTraining.Outcome
        do {
            outcome = try await training.run(store: store, connectors: loaded.connectors, now: now)
        } catch let error as ScoringError {
            output.error(
                "\(config.storePath): error: \(error.description) (deals that closed in the last "
                    + "\(config.scoring.windowDays) days train the model; `revloop pull` first, or widen scoring.window_days)"
            )
            throw ExitStatus.runFailed
        }
        if activate { try await store.activateModel(version: outcome.model.version, at: now) }
        let metrics = outcome.validation
        if format == .json {
            try output.json(
                StoreTrainingReport(
                    model: ScoreModelSummary(try await store.model(version: outcome.model.version) ?? outcome.model),
                    closedDeals: outcome.training.rows.count, won: outcome.training.positives,
                    outsideWindow: outcome.training.outsideWindow, labelWarning: outcome.labelWarning))
            return
        }
        var lines = [
            "trained \(outcome.model.version) (\(options.kind.rawValue)) on \(outcome.training.rows.count) deals closed "
                + "\(outcome.model.windowStart.utcDay)..\(outcome.model.windowEnd.utcDay) "
                + "(\(outcome.training.positives) won); fingerprint \(outcome.model.fingerprint.prefix(12))",
            "validation on the latest 20% by time (\(metrics.rowCount) deals, \(metrics.positives) won): "
                + "AUC \(ScoreModelSummary.fixed(metrics.auc, 3)), ECE \(ScoreModelSummary.fixed(metrics.ece, 4)), "
                + "Brier \(ScoreModelSummary.fixed(metrics.brier, 4)), "
                + "lift in the top decile \(ScoreModelSummary.fixed(metrics.liftAtTopDecile, 2))",
        ]
        if let warning = outcome.labelWarning { lines.append("warning: \(warning)") }
        lines.append(
            activate
                ? "\(outcome.model.version) is active: `predicted` goals use it from the next plan."
                : "activate it with: revloop score activate \(outcome.model.version)")
        output.result(lines.joined(separator: "\n"))
    }
}

/// `revloop score train --format json` from the store.
struct StoreTrainingReport: Encodable {
    var model: ScoreModelSummary
    var closedDeals: Int
    var won: Int
    var outsideWindow: Int
    var labelWarning: String?

    enum CodingKeys: String, CodingKey {
        case model, won
        case closedDeals = "closed_deals"
        case outsideWindow = "outside_window"
        case labelWarning = "label_warning"
    }
}
