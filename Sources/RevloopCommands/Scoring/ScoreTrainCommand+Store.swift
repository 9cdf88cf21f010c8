internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

extension ScoreTrainCommand {
    /// `revloop score train` without --csv: the project's deal (or, with --purpose lead, lead) model from the
    /// store, into the registry.
    func trainFromStore(_ output: Output) async throws {
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let now = try project.clock().now()
        let purpose = self.purpose ?? .deal
        let family = purpose == .lead ? config.scoring.leadModel : config.scoring.model
        let windowDays = purpose == .lead ? config.scoring.leadWindowDays : config.scoring.windowDays
        let options = options(defaultKind: family == .gbdt ? .gbdt : .logistic)
        let fit: RegistryModelFit.Result
        var report: StoreTrainingReport
        do {
            switch purpose {
            case .deal:
                let outcome = try await DealModelTraining(options: options, windowDays: Int64(windowDays)).run(
                    store: store, connectors: loaded.connectors, now: now)
                fit = RegistryModelFit.Result(
                    model: outcome.model, validation: outcome.validation, labelWarning: outcome.labelWarning)
                report = StoreTrainingReport(
                    model: ScoreModelSummary(outcome.model), closedDeals: outcome.training.rows.count,
                    won: outcome.training.positives, outsideWindow: outcome.training.outsideWindow,
                    labelWarning: outcome.labelWarning)
            case .lead:
                let outcome = try await LeadModelTraining(options: options, windowDays: Int64(windowDays)).run(
                    store: store, connectors: loaded.connectors, now: now)
                fit = RegistryModelFit.Result(
                    model: outcome.model, validation: outcome.validation, labelWarning: outcome.labelWarning)
                let set = outcome.training
                report = StoreTrainingReport(
                    model: ScoreModelSummary(outcome.model), closedDeals: nil, won: set.positives,
                    outsideWindow: set.outsideWindow, labelWarning: outcome.labelWarning,
                    leads: set.rows.count, censoredNoDeal: set.censoredNoDeal, censoredOpenDeal: set.censoredOpenDeal)
            }
        } catch let error as ScoringError {
            let rows = purpose == .lead ? "leads whose revenue outcome was decided" : "deals that closed"
            let window = purpose == .lead ? "scoring.lead.window_days" : "scoring.window_days"
            output.error(
                "\(config.storePath): error: \(error.description) (\(rows) in the last \(windowDays) days train the "
                    + "\(purpose.rawValue) model; `revloop pull` first, or widen \(window))")
            throw ExitStatus.runFailed
        }
        if activate { _ = try await store.activateModel(version: fit.model.version, at: now) }
        if format == .json {
            report.model = ScoreModelSummary(try await store.model(version: fit.model.version) ?? fit.model)
            try output.json(report)
            return
        }
        let metrics = fit.validation
        let model = fit.model
        var lines: [String] = []
        switch purpose {
        case .deal:
            lines.append(
                "trained \(model.version) (\(options.kind.rawValue)) on \(model.rows) deals closed "
                    + "\(model.windowStart.utcDay)..\(model.windowEnd.utcDay) "
                    + "(\(report.won) won); fingerprint \(model.fingerprint.prefix(12))")
        case .lead:
            lines.append(
                "trained \(model.version) (\(options.kind.rawValue)) on \(model.rows) leads whose revenue outcome was "
                    + "decided \(model.windowStart.utcDay)..\(model.windowEnd.utcDay) (\(report.won) won, "
                    + "\(model.rows - report.won) lost); fingerprint \(model.fingerprint.prefix(12))")
            lines.append(
                "not labelled: \(report.censoredNoDeal ?? 0) leads with no deal and \(report.censoredOpenDeal ?? 0) "
                    + "with an open deal and no win (censored), \(report.outsideWindow) decided outside the window "
                    + "or not after becoming a lead")
        }
        lines.append(
            "validation on the latest 20% by time (\(metrics.rowCount) \(purpose.rowNoun), \(metrics.positives) won): "
                + "AUC \(ScoreModelSummary.fixed(metrics.auc, 3)), ECE \(ScoreModelSummary.fixed(metrics.ece, 4)), "
                + "Brier \(ScoreModelSummary.fixed(metrics.brier, 4)), "
                + "lift in the top decile \(ScoreModelSummary.fixed(metrics.liftAtTopDecile, 2))")
        if let warning = fit.labelWarning { lines.append("warning: \(warning)") }
        lines.append(
            activate
                ? "\(model.version) is active: \(ScoreActivateCommand.effect(of: purpose))."
                : "activate it with: revloop score activate \(model.version)")
        output.result(lines.joined(separator: "\n"))
    }
}

/// `revloop score train --format json` from the store.
struct StoreTrainingReport: Encodable {
    var model: ScoreModelSummary
    /// Deal model: the closed deals it trained on.
    var closedDeals: Int?
    var won: Int
    var outsideWindow: Int
    var labelWarning: String?
    /// Lead model: the labelled leads it trained on, and the censored ones left out.
    var leads: Int?
    var censoredNoDeal: Int?
    var censoredOpenDeal: Int?

    enum CodingKeys: String, CodingKey {
        case model, won, leads
        case closedDeals = "closed_deals"
        case outsideWindow = "outside_window"
        case labelWarning = "label_warning"
        case censoredNoDeal = "censored_no_deal"
        case censoredOpenDeal = "censored_open_deal"
    }
}
