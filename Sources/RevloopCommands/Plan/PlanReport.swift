internal import Foundation
internal import RevloopCore
internal import RevloopIdentity
internal import RevloopMapping

/// `revloop plan --format json`: the plan's numbers, goal by goal.
struct PlanReport: Encodable {
    struct Goal: Encodable {
        var name: String
        var platform: String
        var currency: String
        var upload: Int
        var restate: Int
        var retract: Int
        /// Meta and LinkedIn: sent events whose value changed or whose deal was lost (not adjustable).
        var cannotAdjust: Int
        var skipped: [String: Int]
        var uploadValue: String
        var restatedValue: String
        var retractedValue: String
        /// Share (0 to 1) of the sending events that carry each match key.
        var matchKeyShare: [String: Double]
        var convertedCurrency: Int
        var requests: Int
        /// `predicted` goals: sent events valued by each scoring model version, and by stage probability.
        var valuedByModel: [String: Int]?
        var valuedByStageProbability: Int?

        enum CodingKeys: String, CodingKey {
            case name, platform, currency, upload, restate, retract, skipped, requests
            case cannotAdjust = "cannot_adjust"
            case uploadValue = "upload_value"
            case restatedValue = "restated_value"
            case retractedValue = "retracted_value"
            case matchKeyShare = "match_key_share"
            case convertedCurrency = "converted_currency"
            case valuedByModel = "valued_by_model"
            case valuedByStageProbability = "valued_by_stage_probability"
        }
    }

    var asOf: String
    var deals: Int
    var goals: [Goal]
    var sending: Int
    /// What each skip reason means.
    var reasons: [String: String]

    enum CodingKeys: String, CodingKey {
        case deals, goals, sending, reasons
        case asOf = "as_of"
    }

    init(tally: PlanTally, asOf: Timestamp, requests: [String: Int], reasons: [String: String]) {
        self.asOf = asOf.description
        deals = tally.deals
        sending = tally.sending
        var reasons = reasons
        if reasons["outside_window"] != nil {
            reasons["outside_window"] = "older than the goal's window_days (Meta allows 7 days, Google and LinkedIn 90)"
        }
        self.reasons = reasons
        goals = tally.goals.map { goal in
            func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: goal.currency).decimalString }
            let sending = max(goal.sending, 1)
            return Goal(
                name: goal.name, platform: goal.platform.rawValue, currency: goal.currency.code, upload: goal.uploads,
                restate: goal.restatements, retract: goal.retractions, cannotAdjust: goal.cannotAdjust,
                skipped: goal.skips, uploadValue: money(goal.uploadValueMinor),
                restatedValue: money(goal.restatedValueMinor), retractedValue: money(goal.retractedValueMinor),
                matchKeyShare: Dictionary(
                    uniqueKeysWithValues: goal.matchKeys.map {
                        ($0.key.rawValue, (Double($0.value) / Double(sending) * 1000).rounded() / 1000)
                    }), convertedCurrency: goal.converted, requests: requests[goal.name] ?? 0,
                valuedByModel: goal.isPredicted ? goal.modelVersions : nil,
                valuedByStageProbability: goal.isPredicted ? goal.stageProbabilityValued : nil)
        }
    }

    /// The plan as a table for people.
    var text: String {
        var lines = ["plan as of \(asOf): \(deals) deals, \(goals.count) goals; dry run, nothing was sent", ""]
        let header = ["goal", "platform", "upload", "restate", "retract", "no-adjust", "skipped", "value to send"]
        var rows = [header]
        for goal in goals {
            rows.append([
                goal.name, goal.platform, String(goal.upload), String(goal.restate), String(goal.retract),
                String(goal.cannotAdjust), String(goal.skipped.values.reduce(0, +)),
                "\(goal.uploadValue) \(goal.currency)",
            ])
        }
        lines += Self.table(rows)
        lines.append("")
        lines.append("skipped, by reason:")
        for goal in goals where !goal.skipped.isEmpty {
            let parts = goal.skipped.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            lines.append("  \(goal.name): " + parts.joined(separator: ", "))
        }
        let used = Set(goals.flatMap(\.skipped.keys))
        lines.append("reasons:")
        for code in used.sorted() { lines.append("  \(code): \(reasons[code] ?? code)") }
        lines.append("")
        lines.append("match keys (share of the events to send that carry each; a pre-flight match-rate estimate):")
        for goal in goals {
            let parts = goal.matchKeyShare.sorted { $0.key < $1.key }.map {
                "\($0.key) \(Int(($0.value * 100).rounded()))%"
            }
            lines.append("  \(goal.name): " + (parts.isEmpty ? "no events to send" : parts.joined(separator: ", ")))
        }
        let restated = goals.filter { $0.restate + $0.retract > 0 }
        if !restated.isEmpty {
            lines.append("")
            for goal in restated {
                lines.append(
                    "  \(goal.name): restates to \(goal.restatedValue) \(goal.currency) in total, retracts \(goal.retractedValue) \(goal.currency)"
                )
            }
        }
        let blocked = goals.filter { $0.cannotAdjust > 0 }
        for goal in blocked {
            lines.append(
                "note: \(goal.name): \(goal.cannotAdjust) sent events changed value or were lost since; \(goal.platform) cannot adjust a sent event, so nothing is resent (that would double-count)"
            )
        }
        for goal in goals {
            guard let models = goal.valuedByModel else { continue }
            let parts = models.sorted { $0.key < $1.key }.map { "\($0.value) by model \($0.key)" }
            lines.append(
                "values: \(goal.name): amount x win probability, "
                    + ((parts + [
                        "\(goal.valuedByStageProbability ?? 0) by stage probability (won stages, or no active model)"
                    ])
                    .joined(separator: ", ")))
        }
        let converted = goals.reduce(0) { $0 + $1.convertedCurrency }
        if converted > 0 {
            lines.append(
                "FX: \(converted) values converted at the dated rates of fx_rates (see `revloop plan --deal ID`)")
        }
        lines.append("")
        lines.append(
            "\(sending) operations would be sent in \(goals.reduce(0) { $0 + $1.requests }) requests. `--format wire` prints them; `--deal ID` explains one deal."
        )
        return lines.joined(separator: "\n")
    }

    static func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column < 2
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}
