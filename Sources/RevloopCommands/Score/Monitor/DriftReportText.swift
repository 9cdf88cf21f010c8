internal import Foundation
internal import RevloopScoring

/// `score monitor`'s report for people: output drift, calibration, the most drifted features, the
/// alarms in words, and the verdict.
struct DriftReportText {
    let report: DriftReport
    let referencePath: String
    let currentPath: String
    let scoreColumn: String
    let labelColumn: String?
    /// Features listed in the table (the JSON has them all).
    var featureLimit = 15

    var text: String {
        var lines: [String] = []
        let settings = report.settings
        lines.append(
            "Drift check: \(currentPath) (\(report.currentSize) rows) against \(referencePath) "
                + "(\(report.referenceSize) rows); alpha \(f(settings.alpha)) for the whole check, split over "
                + "\(report.familyCount) famil\(report.familyCount == 1 ? "y" : "ies") of tests, "
                + "\(settings.correction.rawValue) within each"
        )
        lines.append("")
        let output = report.outputDrift
        lines.append("Output drift (score column '\(scoreColumn)')")
        lines.append(
            "  PSI \(f(output.psi.value)), threshold \(output.psiThreshold.map(f) ?? "n/a") "
                + "(sample-size aware; conventional band: \(output.psi.band.rawValue)), p \(f(output.psi.pValue))")
        if let ks = output.ks {
            lines.append(
                "  KS D \(f(ks.statistic)), critical D \(output.ksThreshold.map(f) ?? "n/a"), p \(f(ks.pValue))")
        }
        lines.append(
            "  mean probability \(f(output.currentMeanProbability)) (reference \(f(output.referenceMeanProbability)))")
        let bands = output.bands.map {
            "\($0.band) (\($0.range)) \(percent($0.referenceShare)) -> \(percent($0.currentShare))"
        }
        lines.append("  score bands, reference -> current: " + bands.joined(separator: ", "))
        lines.append("")
        if let calibration = report.calibration {
            let summary = calibration.summary
            lines.append("Calibration (label column '\(labelColumn ?? "")', \(summary.count) rows)")
            lines.append(
                "  ECE \(f(summary.expectedCalibrationError)) (\(summary.binning.rawValue) bins), threshold "
                    + "\(f(calibration.threshold)) from \(calibration.simulations) simulations of a calibrated "
                    + "model on these scores (base-rate error allowed: \(f(calibration.modelBaseRateError)) on the "
                    + "logit scale), p \(f(calibration.pValue))")
            lines.append(
                "  calibration-in-the-large \(f(summary.calibrationInTheLarge)) (mean p \(f(summary.meanProbability)) "
                    + "against observed \(f(summary.observedRate))), Brier \(f(summary.brierScore))")
            lines.append("  decile  rows  predicted  observed")
            for (index, decile) in summary.deciles.enumerated() {
                lines.append(
                    "  " + pad("\(index + 1)", 6) + "  " + pad("\(decile.count)", 4) + "  "
                        + pad(f(decile.meanProbability), 9) + "  " + f(decile.observedRate))
            }
        } else {
            lines.append("Calibration: not measured (pass --label with the closed outcome once deals have closed)")
        }
        lines.append("")
        let drifted = report.inputDrift.filter(\.isDrifted).count
        lines.append("Input drift (\(report.inputDrift.count) features, \(drifted) drifted; largest PSI first)")
        if !report.inputDrift.isEmpty {
            lines.append("  " + pad("feature", 24) + "  PSI       threshold  band      KS D     KS p       drifted")
            let sorted = report.inputDrift.sorted { $0.psi.value > $1.psi.value }
            for feature in sorted.prefix(featureLimit) {
                lines.append(
                    "  " + pad(feature.name, 24) + "  " + pad(f(feature.psi.value), 8) + "  "
                        + pad(feature.psiThreshold.map(f) ?? "n/a", 9) + "  " + pad(feature.psi.band.rawValue, 8)
                        + "  " + pad(feature.ks.map { f($0.statistic) } ?? "-", 7) + "  "
                        + pad(feature.ks.map { f($0.pValue) } ?? "-", 9) + "  " + (feature.isDrifted ? "yes" : "no"))
            }
            if sorted.count > featureLimit {
                lines.append("  ... \(sorted.count - featureLimit) more (--format json lists every feature)")
            }
        }
        lines.append("")
        lines.append("Alarms (\(report.alarms.count))")
        for alarm in report.alarms {
            lines.append("  \(alarm.kind.rawValue) \(alarm.subject): \(alarm.explanation)")
        }
        lines.append("")
        lines.append(
            "Verdict: " + (report.verdict.shouldStopServing ? "STOP SERVING: " : "keep serving: ")
                + report.verdict.reason)
        return lines.joined(separator: "\n")
    }

    private func f(_ value: Double) -> String { String(format: "%.4g", value) }
    private func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
