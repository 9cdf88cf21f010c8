internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopScoring
internal import RevloopStore

extension ScoreMonitorCommand {
    /// `revloop score monitor` without files: the active deal model against the deals closed since training (or
    /// the lead model against the leads decided since).
    func checkProjectModel(output: Output) async throws {
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let now = try project.clock().now()
        guard let model = try await store.activeModel(purpose: purpose.registryName) else {
            throw ValidationError(
                "no active \(purpose.rawValue) model to check: `revloop score train\(purpose == .lead ? " --purpose lead" : "") "
                    + "--activate` first")
        }
        var start = model.windowEnd
        if let since {
            guard let day = CalendarDay(iso: since) else {
                throw ValidationError("--since '\(since)' is not YYYY-MM-DD")
            }
            start = day.startInUTC
        }
        var check = ModelDriftCheck(seed: seed)
        check.settings = DriftSettings(
            alpha: alpha, correction: MultipleTestingCorrection(rawValue: correction) ?? .bonferroni,
            calibrationBinning: CalibrationBinning(rawValue: calibrationBinning) ?? .equalWidth,
            calibrationSimulations: simulations,
            shutdown: CalibrationShutdownCriterion(maximumExpectedCalibrationError: config.scoring.shutdownECE))
        let runID = try await store.beginRun(
            command: purpose.monitorCommand, startedAt: now,
            processID: ProcessInfo.processInfo.processIdentifier)
        let outcome = try await check.run(
            store: store, connectors: loaded.connectors, model: model, since: start, now: now, stopOnShutdown: !noStop)
        try await store.finishRun(id: runID, finishedAt: now, status: .succeeded, summary: outcome.runSummary)
        let alerts = ScoringMaintenance.alerts(for: outcome)
        if !alerts.isEmpty {
            await DeliveryOptions.post(
                alerts, config: config.alerts ?? AlertConfig(), runID: runID, now: now, store: store, output: output,
                transport: URLSessionHTTPTransport())
        }
        guard let report = outcome.report else {
            output.result("\(model.version): \(outcome.note ?? "nothing to check")")
            return
        }
        switch format {
        case .json: try output.json(report)
        case .text:
            output.result(
                DriftReportText(
                    report: report, referencePath: "\(model.version) (its training population)",
                    currentPath:
                        "\(outcome.rows) \(purpose == .lead ? "leads decided" : "deals closed") since \(start.utcDay)",
                    scoreColumn: "probability",
                    labelColumn: "closed outcome"
                ).text
                    + (outcome.stopped
                        ? "\n\(model.version) is stopped: "
                            + (purpose == .lead
                                ? "lead scores do not come from it until a lead model is activated"
                                : "`predicted` goals use stage probability until a model is activated")
                        : ""))
        }
        if !report.alarms.isEmpty { throw ExitStatus.recordsRejected }
    }
}
