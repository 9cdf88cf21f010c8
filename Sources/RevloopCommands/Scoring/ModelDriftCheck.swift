internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// Checks an active model against the rows of its purpose whose outcome was decided since it was trained (or
/// since a given time): deals that closed, or leads whose revenue outcome was decided; their features at
/// their cut, the model's probabilities and the outcomes, against the reference population stored with the
/// model. The same kind of rows as the reference, so drift means drift.
///
/// A calibration past the model's shutdown criterion stops the model (`ModelRegistry.stopModel`):
/// `predicted` goals fall back to stage probability from the next plan, and the caller raises the alert.
struct ModelDriftCheck {
    /// Fewer closed deals than this and nothing is concluded.
    static let minimumRows = 30

    struct Outcome {
        var model: StoredModel
        var rows: Int
        var report: DriftReport?
        /// Why no report (too few rows, no reference).
        var note: String?
        /// The model was stopped by this check.
        var stopped: Bool

        /// The figures a `score-monitor` run records (what `status` shows).
        var runSummary: [String: Int] {
            var summary = ["rows": rows]
            if let report {
                summary["alarms"] = report.alarms.count
                if let calibration = report.calibration {
                    summary["ece_milli"] = Int((calibration.summary.expectedCalibrationError * 1_000).rounded())
                }
            }
            if stopped { summary["stopped"] = 1 }
            return summary
        }
    }

    var settings = DriftSettings()
    var seed: UInt64 = 42

    func run(
        store: any SnapshotStore & ModelRegistry, connectors: [ConnectorConfig], model stored: StoredModel,
        since: Timestamp, now: Timestamp, stopOnShutdown: Bool
    ) async throws -> Outcome {
        var outcome = Outcome(model: stored, rows: 0, report: nil, note: nil, stopped: false)
        guard let referenceText = stored.driftReference,
            let reference = try? JSONDecoder().decode(DriftReference.self, from: Data(referenceText.utf8))
        else {
            outcome.note = "\(stored.version) has no drift reference (train it again to get one)"
            return outcome
        }
        let model = try ScoringModel.decode(json: Data(stored.document.utf8))
        let purpose = ScoringPurpose(registryName: stored.purpose) ?? .deal
        let set: any LabelledTrainingSet
        switch purpose {
        case .deal:
            set = try await DealTrainingSet.load(
                store: store, connectors: connectors, windowStart: since, windowEnd: now)
        case .lead:
            set = try await LeadTrainingSet.load(
                store: store, connectors: connectors, windowStart: since, windowEnd: now)
        }
        outcome.rows = set.rows.count
        guard set.rows.count >= Self.minimumRows else {
            outcome.note =
                "\(set.rows.count) \(purpose.rowNoun) decided since \(since.utcDay): at least \(Self.minimumRows) are "
                + "needed to check drift"
            return outcome
        }
        let table = FeatureTable(schema: model.schema, rows: set.rows)
        let batch = DriftBatch(
            features: purpose.columns(of: set.rows), probabilities: model.probabilities(table),
            outcomes: set.labels)
        var random = SeededRandomNumberGenerator(seed: seed)
        var settings = self.settings
        // The ECE null allows for the model's own base-rate error, which its training size decides.
        if settings.modelTrainingRows == nil { settings.modelTrainingRows = stored.rows }
        let report = DriftMonitor(reference: reference, settings: settings).check(batch, random: &random)
        outcome.report = report
        if report.verdict.shouldStopServing, stopOnShutdown, stored.stoppedReason == nil {
            try await store.stopModel(version: stored.version, reason: report.verdict.reason)
            outcome.stopped = true
        }
        return outcome
    }
}
