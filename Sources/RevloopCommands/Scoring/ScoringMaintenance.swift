internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopScoring
internal import RevloopStore

/// What `revloop schedule` does for scoring after a cycle, on the project's `scoring` cadence: retrain the
/// deal win model when the newest is older than `retrain_every` (and activate it when it validates no worse
/// than the active one), and check the active model for drift every `monitor_every`, stopping it when its
/// calibration passes `shutdown_ece`. Each check is a run (`score-train`, `score-monitor`) so `status` shows
/// the last, and each finding an alert.
struct ScoringMaintenance {
    var config: ScoringConfig

    static let trainCommand = "score-train"
    static let monitorCommand = "score-monitor"

    /// What happened, for the cycle's log line.
    struct Report {
        var trained: String?
        var activated: String?
        var checked: String?
        var alerts: [DeliveryAlerts.Alert] = []
    }

    func run(store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp) async -> Report {
        var report = Report()
        let runs = (try? await store.recentRuns(limit: 200)) ?? []
        func lastRun(_ command: String) -> Timestamp? { runs.first { $0.command == command }?.startedAt }
        func due(_ every: Int?, _ command: String) -> Bool {
            guard let every else { return false }
            guard let last = lastRun(command) else { return true }
            return now.millisecondsSinceEpoch - last.millisecondsSinceEpoch >= Int64(every) * 1_000
        }
        if due(config.retrainEverySeconds, Self.trainCommand) {
            await retrain(store: store, connectors: connectors, now: now, report: &report)
        }
        if due(config.monitorEverySeconds, Self.monitorCommand) {
            await monitor(store: store, connectors: connectors, now: now, report: &report)
        }
        return report
    }

    private func retrain(store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp, report: inout Report) async
    {
        let runID = try? await store.beginRun(command: Self.trainCommand, startedAt: now, processID: nil)
        var summary: [String: Int] = [:]
        var status = RunRecord.Status.succeeded
        do {
            let training = DealModelTraining(
                options: TrainingOptions(kind: config.model == .gbdt ? .gbdt : .logistic),
                windowDays: Int64(config.windowDays))
            let outcome = try await training.run(store: store, connectors: connectors, now: now)
            report.trained = outcome.model.version
            summary = ["rows": outcome.model.rows, "auc_milli": Int((outcome.validation.auc * 1_000).rounded())]
            if let warning = outcome.labelWarning {
                report.alerts.append(
                    DeliveryAlerts.Alert(kind: "scoring_label", destination: nil, text: "scoring: \(warning)"))
            }
            let active = try await store.activeModel(purpose: ActiveModelEstimator.purpose)
            let floor = (active?.metrics["auc"] ?? 0) - ScoringConfig.activationAUCTolerance
            if config.autoActivate, outcome.labelWarning == nil, outcome.validation.auc >= floor {
                try await store.activateModel(version: outcome.model.version, at: now)
                report.activated = outcome.model.version
                summary["activated"] = 1
            } else if config.autoActivate {
                report.alerts.append(
                    DeliveryAlerts.Alert(
                        kind: "scoring_not_activated", destination: nil,
                        text: "scoring: retrained \(outcome.model.version) validates at AUC "
                            + "\(ScoreModelSummary.fixed(outcome.validation.auc, 3)), below the active "
                            + "\(active?.version ?? "model")'s; kept the active one (`revloop score activate` to switch)"
                    ))
            }
        } catch {
            status = .failed
            report.alerts.append(
                DeliveryAlerts.Alert(
                    kind: "scoring_training_failed", destination: nil, text: "scoring: retraining failed: \(error)"))
        }
        if let runID { try? await store.finishRun(id: runID, finishedAt: now, status: status, summary: summary) }
    }

    private func monitor(store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp, report: inout Report) async
    {
        guard let active = try? await store.activeModel(purpose: ActiveModelEstimator.purpose) else { return }
        let runID = try? await store.beginRun(command: Self.monitorCommand, startedAt: now, processID: nil)
        var summary: [String: Int] = [:]
        var status = RunRecord.Status.succeeded
        do {
            var check = ModelDriftCheck()
            check.settings.shutdown = CalibrationShutdownCriterion(maximumExpectedCalibrationError: config.shutdownECE)
            let outcome = try await check.run(
                store: store, connectors: connectors, model: active, since: active.windowEnd, now: now,
                stopOnShutdown: true)
            report.checked = active.version
            summary = outcome.runSummary
            report.alerts += Self.alerts(for: outcome)
        } catch {
            status = .failed
        }
        if let runID { try? await store.finishRun(id: runID, finishedAt: now, status: status, summary: summary) }
    }

    /// The alerts a drift check raises: drift found, and the model stopped.
    static func alerts(for outcome: ModelDriftCheck.Outcome) -> [DeliveryAlerts.Alert] {
        var alerts: [DeliveryAlerts.Alert] = []
        let version = outcome.model.version
        if let drift = outcome.report, !drift.alarms.isEmpty {
            let kinds = Set(drift.alarms.map(\.kind.rawValue)).sorted().joined(separator: ", ")
            alerts.append(
                DeliveryAlerts.Alert(
                    kind: "scoring_drift", destination: nil,
                    text: "scoring: \(version) drifted on \(outcome.rows) deals closed since training (\(kinds)); "
                        + "`revloop score monitor` shows the figures"))
        }
        if outcome.stopped {
            alerts.append(
                DeliveryAlerts.Alert(
                    kind: "scoring_stopped", destination: nil,
                    text: "scoring: \(version) stopped feeding values (\(outcome.report?.verdict.reason ?? "")): "
                        + "`predicted` goals use stage probability until a model is activated"))
        }
        return alerts
    }
}
