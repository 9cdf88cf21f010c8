internal import Foundation
internal import RevloopAllocator
internal import RevloopCore

/// The budget reallocation report in every format `revloop allocate` writes: a table, JSON, CSV,
/// Markdown, and a self-contained HTML page (inline SVG, no scripts, nothing fetched).
struct BudgetReport {
    var recommendation: BudgetRecommendation
    var currency: CurrencyCode
    var periods: [String]
    var seed: UInt64
    var draws: Int
    /// Per channel with several campaigns, the split of its recommended amount across them.
    var campaigns: [String: BudgetRecommendation] = [:]
    /// The recommendation the same run made one period ago, for "what changed".
    var previous: BudgetRecommendation?
    /// Where the outcomes came from, as the report's assumptions state it.
    var outcomeSource =
        "Revenue is what the history file calls revenue (pipeline when revenue is empty); it is not attributed through the CRM."

    /// Per channel, campaigns held at their current share for want of outcomes: their curve is the prior
    /// alone, so the report shows no expected revenue or P(best) for them.
    var heldCampaigns: [String: Set<String>] = [:]
    /// What crediting outcomes to channels and campaigns could not square (spend campaigns with no outcome,
    /// outcome campaigns with no spend, unknown campaigns, values from the CRM for want of the ledger's).
    var attributionWarnings: [String] = []

    /// What changed since the recommendation of a period ago, one sentence per channel.
    var changes: [String] {
        guard let previous else { return [] }
        return recommendation.channels.compactMap { channel in
            guard let before = previous.channels.first(where: { $0.name == channel.name }) else { return nil }
            let delta = channel.recommended - before.recommended
            let best =
                abs(channel.probabilityBest - before.probabilityBest) >= 0.1
                ? "; P(best) \(Self.percent(before.probabilityBest)) -> \(Self.percent(channel.probabilityBest))" : ""
            return
                "\(channel.name): \(money(before.recommended)) a period ago, \(money(channel.recommended)) now (\(delta >= 0 ? "+" : "")\(money(delta)))\(best)"
        }
    }

    /// The holdout, in words.
    var holdout: String {
        recommendation.holdoutShare > 0
            ? "Holdout: \(Self.percent(recommendation.holdoutShare)) of the budget stays on the current split, so the lift of reallocating can be measured."
            : "Holdout: none (set allocator.holdout_share to keep part of the budget on the current split and measure the lift)."
    }

    func money(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits, currency: currency).decimalString }
    /// A model figure (minor units, fractional) as whole currency units.
    func amount(_ minorUnits: Double) -> String {
        let scale = pow(10, Double(currency.minorUnitDigits))
        let units = (minorUnits / scale).rounded()
        // A curve drawn from a prior with no evidence can extrapolate past any amount: say so, not trap.
        guard units.isFinite, abs(units) < 1e15 else { return "n/a" }
        return Self.grouped(Int64(units))
    }

    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    var headline: String {
        let now = recommendation.totalAtCurrent
        let next = recommendation.totalAtRecommended
        return
            "Expected revenue next period: \(amount(next.mean)) \(currency) (80% interval \(amount(next.low)) to \(amount(next.high))) with the recommended split, against \(amount(now.mean)) (\(amount(now.low)) to \(amount(now.high))) with the current one."
    }

    /// The campaign rows of one channel's split.
    func campaignRows(_ split: BudgetRecommendation, held: Set<String> = []) -> [[String]] {
        [["campaign", "current", "recommended", "change", "bound", "expected revenue (80% interval)", "P(best)"]]
            + split.channels.map { campaign in
                let isHeld = held.contains(campaign.name)
                return [
                    campaign.name, money(campaign.current), money(campaign.recommended),
                    (campaign.recommended >= campaign.current ? "+" : "")
                        + money(campaign.recommended - campaign.current),
                    isHeld ? "held: no outcomes" : campaign.binding ?? "",
                    isHeld
                        ? "-"
                        : "\(amount(campaign.expectedAtRecommended.mean)) (\(amount(campaign.expectedAtRecommended.low))-\(amount(campaign.expectedAtRecommended.high)))",
                    isHeld ? "-" : Self.percent(campaign.probabilityBest),
                ]
            }
    }

    /// Channels with a campaign split, in the channel table's order.
    var campaignSplits: [(String, BudgetRecommendation)] {
        recommendation.channels.compactMap { channel in campaigns[channel.name].map { (channel.name, $0) } }
    }

    /// Warnings of the channel split and of every campaign split.
    /// (A campaign's lack of visible saturation repeats its channel's, so it is not repeated.)
    var warnings: [String] {
        attributionWarnings + recommendation.warnings
            + campaignSplits.flatMap { channel, split in
                split.warnings.filter { !$0.contains("no diminishing returns") }.map { "\(channel) / \($0)" }
            }
    }

    var rows: [[String]] {
        [
            [
                "channel", "current", "recommended", "change", "bound", "expected revenue (80% interval)",
                "marginal return", "P(best)",
            ]
        ]
            + recommendation.channels.map { channel in
                [
                    channel.name, money(channel.current), money(channel.recommended),
                    (channel.recommended >= channel.current ? "+" : "") + money(channel.recommended - channel.current),
                    channel.binding ?? "",
                    "\(amount(channel.expectedAtRecommended.mean)) (\(amount(channel.expectedAtRecommended.low))-\(amount(channel.expectedAtRecommended.high)))",
                    String(format: "%.2f", channel.marginalReturn), Self.percent(channel.probabilityBest),
                ]
            }
    }

    var table: String {
        var lines = [
            "budget reallocation for the next period: \(money(recommendation.budget)) \(currency), from \(periods.count) periods (\(periods.first ?? "-") to \(periods.last ?? "-"))",
            "",
        ]
        lines += PlanReport.table(rows)
        for (channel, split) in campaignSplits {
            lines += ["", "within \(channel) (\(money(split.budget)) \(currency)):"]
            lines += PlanReport.table(campaignRows(split, held: heldCampaigns[channel] ?? [])).map { "  " + $0 }
        }
        lines += ["", headline, holdout]
        if !changes.isEmpty { lines += ["since last period:"] + changes.map { "  " + $0 } }
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    var csv: String {
        (["channel,current,recommended,binding,expected_mean,expected_p10,expected_p90,marginal_return,p_best"]
            + recommendation.channels.map { channel in
                [
                    channel.name, money(channel.current), money(channel.recommended), channel.binding ?? "",
                    String(format: "%.0f", channel.expectedAtRecommended.mean),
                    String(format: "%.0f", channel.expectedAtRecommended.low),
                    String(format: "%.0f", channel.expectedAtRecommended.high),
                    String(format: "%.4f", channel.marginalReturn),
                    String(format: "%.4f", channel.probabilityBest),
                ].joined(separator: ",")
            }).joined(separator: "\n")
    }

    var assumptions: [String] {
        [
            "Each channel's revenue per period is modelled as a power curve of its spend (revenue = e^a x spend^b, with log-normal noise), fitted by Bayesian regression with a weak prior (elasticity b around 0.6); b below 1 means diminishing returns.",
            "When a channel's last periods sit far off its fitted curve (3.5 standard errors over 3 periods), the allocator treats it as a change of regime and uses only the periods since, starting from the old regime's elasticity (a change is assumed to move the curve's level more than its shape).",
            "The recommended split is the average of \(draws) Thompson-sampling draws' optimal splits within the bounds of revloop.yaml; intervals are the 10th and 90th percentiles of \(draws) posterior draws (seed \(seed)).",
            outcomeSource,
            "The current split is the last period's shares of spend, applied to the same budget.",
            "Curves are fitted on the spend levels the history covers; far beyond them the extrapolation is only as good as the curve's form (see the warnings).",
        ]
    }

    var markdown: String {
        var lines = [
            "# Budget reallocation: next period",
            "",
            "Budget \(money(recommendation.budget)) \(currency); history \(periods.count) periods, \(periods.first ?? "-") to \(periods.last ?? "-").",
            "",
            headline,
            "",
            holdout,
            "",
        ]
        let table = rows
        lines.append("| " + table[0].joined(separator: " | ") + " |")
        lines.append("|" + table[0].map { _ in "---" }.joined(separator: "|") + "|")
        for row in table.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        for (channel, split) in campaignSplits {
            let table = campaignRows(split, held: heldCampaigns[channel] ?? [])
            lines += ["", "## Campaigns within \(channel) (\(money(split.budget)) \(currency))", ""]
            lines.append("| " + table[0].joined(separator: " | ") + " |")
            lines.append("|" + table[0].map { _ in "---" }.joined(separator: "|") + "|")
            for row in table.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        }
        if !changes.isEmpty { lines += ["", "## Since last period", ""] + changes.map { "- \($0)" } }
        if !warnings.isEmpty {
            lines += ["", "## Warnings", ""] + warnings.map { "- \($0)" }
        }
        lines += ["", "## Assumptions", ""] + assumptions.map { "- \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var body = """
            <h1>Budget reallocation: next period</h1>
            <p class="lead">Budget <b>\(money(recommendation.budget)) \(currency)</b>; history of \(periods.count) periods, \(periods.first ?? "-") to \(periods.last ?? "-").</p>
            <p>\(escape(headline))</p>
            <p>\(escape(holdout))</p>
            <table><thead><tr>\(rows[0].map { "<th>\(escape($0))</th>" }.joined())</tr></thead><tbody>
            """
        for row in rows.dropFirst() {
            body += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        body += "</tbody></table>"
        for (channel, split) in campaignSplits {
            let table = campaignRows(split, held: heldCampaigns[channel] ?? [])
            body +=
                "<h3>Campaigns within \(escape(channel)) (\(money(split.budget)) \(currency))</h3><table><thead><tr>"
            body += table[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in table.dropFirst() { body += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
            body += "</tbody></table>"
        }
        body +=
            "<h2>Response curves</h2><p>Posterior mean (line) and 80% band; grey marker: current spend, blue: recommended.</p><div class=\"curves\">"
        for channel in recommendation.channels { body += svg(channel) }
        body += "</div>"
        if !changes.isEmpty {
            body += "<h2>Since last period</h2><ul>" + changes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        }
        if !warnings.isEmpty {
            body += "<h2>Warnings</h2><ul>" + warnings.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        }
        body += "<h2>Assumptions</h2><ul>" + assumptions.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Budget reallocation</title>
            <style>
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;max-width:1100px;margin:32px auto;padding:0 20px;color:#1d2430}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:18px;margin-top:28px}.lead{color:#4a5568}
            table{border-collapse:collapse;width:100%;margin-top:12px}th,td{border-bottom:1px solid #e2e8f0;padding:6px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}th{background:#f7fafc;font-weight:600}
            .curves{display:flex;flex-wrap:wrap;gap:16px}.curve{border:1px solid #e2e8f0;border-radius:6px;padding:8px}
            </style></head><body>
            \(body)
            </body></html>
            """
    }

    /// One channel's curve as an inline SVG chart.
    func svg(_ channel: BudgetRecommendation.Channel) -> String {
        let width = 340.0
        let height = 220.0
        let left = 56.0
        let bottom = 30.0
        let maxX = channel.curve.last?.spend ?? 1
        let maxY = max(channel.curve.map(\.high).max() ?? 1, 1)
        func x(_ spend: Double) -> Double { left + (width - left - 10) * spend / max(maxX, 1) }
        func y(_ revenue: Double) -> Double { height - bottom - (height - bottom - 10) * revenue / maxY }
        func point(_ a: Double, _ b: Double) -> String { "\(Int(a.rounded())),\(Int(b.rounded()))" }
        let upper = channel.curve.map { point(x($0.spend), y($0.high)) }
        let lower = channel.curve.reversed().map { point(x($0.spend), y($0.low)) }
        let mean = channel.curve.map { point(x($0.spend), y($0.mean)) }.joined(separator: " ")
        func marker(_ spend: Int64, _ color: String) -> String {
            let px = x(Double(spend))
            return
                "<line x1=\"\(Int(px))\" y1=\"10\" x2=\"\(Int(px))\" y2=\"\(Int(height - bottom))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
        }
        return """
            <div class="curve"><svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(channel.name) response curve">
            <text x="\(Int(left))" y="14" font-size="13" font-weight="600">\(channel.name)</text>
            <line x1="\(Int(left))" y1="\(Int(height - bottom))" x2="\(Int(width - 10))" y2="\(Int(height - bottom))" stroke="#718096"/>
            <line x1="\(Int(left))" y1="10" x2="\(Int(left))" y2="\(Int(height - bottom))" stroke="#718096"/>
            <polygon points="\((upper + lower).joined(separator: " "))" fill="#bee3f8" opacity="0.7"/>
            <polyline points="\(mean)" fill="none" stroke="#2b6cb0" stroke-width="2"/>
            \(marker(channel.current, "#a0aec0"))\(marker(channel.recommended, "#3182ce"))
            <text x="\(Int(left))" y="\(Int(height - 10))" font-size="11" fill="#4a5568">spend 0 to \(amount(maxX)) \(currency) per period</text>
            <text x="4" y="22" font-size="11" fill="#4a5568">\(amount(maxY))</text>
            </svg></div>
            """
    }
}
