internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import RevloopScoring
internal import RevloopStore

/// What `revloop schedule` does for scoring after a cycle, on the project's `scoring` cadence, for each
/// purpose it keeps (the deal model when goals are `predicted`, the lead model when `scoring.lead` is set):
/// retrain when the last retraining is older than `retrain_every` (and activate the new model when it
/// validates no worse than the active one), and check the active model for drift every `monitor_every`,
/// stopping it when its calibration passes `shutdown_ece`. Each check is a run (`score-train`,
/// `score-monitor`; `score-train-lead`, `score-monitor-lead`) so `status` shows the last, and each finding
/// an alert.
struct ScoringMaintenance {
    var config: ScoringConfig
    var purposes: [ScoringPurpose] = [.deal]

    /// The purposes `schedule` keeps for a project: the deal model when a goal is `predicted`, the lead
    /// model when `scoring.lead` is set.
    static func purposes(config: ScoringConfig, hasPredictedGoals: Bool) -> [ScoringPurpose] {
        (hasPredictedGoals ? [.deal] : []) + (config.lead != nil ? [.lead] : [])
    }

    /// The deal model's runs (`status` shows them).
    static let trainCommand = ScoringPurpose.deal.trainCommand
    static let monitorCommand = ScoringPurpose.deal.monitorCommand

    /// What happened, for the cycle's log line (versions comma-separated when both purposes did something).
    struct Report {
        var trained: String?
        var activated: String?
        var checked: String?
        var alerts: [DeliveryAlerts.Alert] = []

        static func adding(_ version: String, to list: String?) -> String {
            list.map { "\($0),\(version)" } ?? version
        }
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
        for purpose in purposes {
            if due(config.retrainEverySeconds, purpose.trainCommand) {
                await retrain(purpose, store: store, connectors: connectors, now: now, report: &report)
            }
            if due(config.monitorEverySeconds, purpose.monitorCommand) {
                await monitor(purpose, store: store, connectors: connectors, now: now, report: &report)
            }
        }
        return report
    }

    /// The new model of `purpose`, trained from the store with the project's settings.
    func train(_ purpose: ScoringPurpose, store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp)
        async throws -> RegistryModelFit.Result
    {
        switch purpose {
        case .deal:
            let outcome = try await DealModelTraining(
                options: TrainingOptions(kind: config.model == .gbdt ? .gbdt : .logistic),
                windowDays: Int64(config.windowDays)
            ).run(store: store, connectors: connectors, now: now)
            return RegistryModelFit.Result(
                model: outcome.model, validation: outcome.validation, labelWarning: outcome.labelWarning)
        case .lead:
            let outcome = try await LeadModelTraining(
                options: TrainingOptions(kind: config.leadModel == .gbdt ? .gbdt : .logistic),
                windowDays: Int64(config.leadWindowDays)
            ).run(store: store, connectors: connectors, now: now)
            return RegistryModelFit.Result(
                model: outcome.model, validation: outcome.validation, labelWarning: outcome.labelWarning)
        }
    }

    private func retrain(
        _ purpose: ScoringPurpose, store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp,
        report: inout Report
    ) async {
        let runID = try? await store.beginRun(command: purpose.trainCommand, startedAt: now, processID: nil)
        var summary: [String: Int] = [:]
        var status = RunRecord.Status.succeeded
        do {
            let outcome = try await train(purpose, store: store, connectors: connectors, now: now)
            report.trained = Report.adding(outcome.model.version, to: report.trained)
            summary = ["rows": outcome.model.rows, "auc_milli": Int((outcome.validation.auc * 1_000).rounded())]
            if let warning = outcome.labelWarning {
                report.alerts.append(
                    DeliveryAlerts.Alert(kind: "scoring_label", destination: nil, text: "scoring: \(warning)"))
            }
            let active = try await store.activeModel(purpose: purpose.registryName)
            let floor = (active?.metrics["auc"] ?? 0) - ScoringConfig.activationAUCTolerance
            if config.autoActivate, outcome.labelWarning == nil, outcome.validation.auc >= floor {
                _ = try await store.activateModel(version: outcome.model.version, at: now)
                report.activated = Report.adding(outcome.model.version, to: report.activated)
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
                    kind: "scoring_training_failed", destination: nil,
                    text: "scoring: retraining the \(purpose.rawValue) model failed: \(error)"))
        }
        if let runID { try? await store.finishRun(id: runID, finishedAt: now, status: status, summary: summary) }
    }

    private func monitor(
        _ purpose: ScoringPurpose, store: SQLiteStore, connectors: [ConnectorConfig], now: Timestamp,
        report: inout Report
    ) async {
        guard let active = try? await store.activeModel(purpose: purpose.registryName) else { return }
        let runID = try? await store.beginRun(command: purpose.monitorCommand, startedAt: now, processID: nil)
        var summary: [String: Int] = [:]
        var status = RunRecord.Status.succeeded
        do {
            var check = ModelDriftCheck()
            check.settings.shutdown = CalibrationShutdownCriterion(maximumExpectedCalibrationError: config.shutdownECE)
            let outcome = try await check.run(
                store: store, connectors: connectors, model: active, since: active.windowEnd, now: now,
                stopOnShutdown: true)
            report.checked = Report.adding(active.version, to: report.checked)
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
        let rows = ScoringPurpose(registryName: outcome.model.purpose) == .lead ? "leads decided" : "deals closed"
        if let drift = outcome.report, !drift.alarms.isEmpty {
            let kinds = Set(drift.alarms.map(\.kind.rawValue)).sorted().joined(separator: ", ")
            alerts.append(
                DeliveryAlerts.Alert(
                    kind: "scoring_drift", destination: nil,
                    text: "scoring: \(version) drifted on \(outcome.rows) \(rows) since training (\(kinds)); "
                        + "`revloop score monitor` shows the figures"))
        }
        if outcome.stopped {
            alerts.append(
                DeliveryAlerts.Alert(
                    kind: "scoring_stopped", destination: nil,
                    text: "scoring: \(version) stopped feeding values (\(outcome.report?.verdict.reason ?? "")): "
                        + (ScoringPurpose(registryName: outcome.model.purpose) == .lead
                            ? "lead scores come from the deal model or the store until a lead model is activated"
                            : "`predicted` goals use stage probability until a model is activated")))
        }
        return alerts
    }
}
