public import RevloopCore

/// Spend and outcomes per channel and period, read from CSV text: either Revloop's history format
/// (`period,channel,campaign,spend,pipeline,revenue`; revenue when given, else pipeline) or the export's
/// daily `spend.csv` (`date,channel,campaign,spend,currency,...,revenue`), grouped into periods of
/// `periodDays` ending on its last day. Amounts are decimals in `currency`; the result is in minor units.
public struct SpendHistory: Sendable {
    public var channels: [String]
    /// Per channel, oldest period first.
    public var outcomes: [[PeriodOutcome]]
    /// The periods' labels, oldest first.
    public var periods: [String]
    /// For a daily file: the last day and the period length (periods end on the last day).
    public var lastDay: CalendarDay?
    public var periodDays = 7

    /// The period label of a day, for a daily file; `nil` outside the history.
    public func period(of day: CalendarDay) -> String? {
        guard let lastDay, day <= lastDay else { return nil }
        let back = (lastDay.daysSinceEpoch - day.daysSinceEpoch) / Int64(periodDays)
        let label = lastDay.adding(days: -(back + 1) * Int64(periodDays) + 1).description
        return periods.contains(label) ? label : nil
    }

    /// The same history with each channel's outcome replaced by `outcomes` (channel, period label, minor
    /// units; missing cells are zero), and each campaign's by `campaignOutcomes` (channel, campaign as the
    /// spend side names it, period label). Without campaign outcomes, campaigns cannot be known from channel
    /// totals, so they are dropped.
    public func replacingOutcomes(
        with outcomes: [String: [String: Int64]], campaignOutcomes: [String: [String: [String: Int64]]]? = nil
    ) -> SpendHistory {
        var copy = self
        copy.outcomes = zip(channels, self.outcomes).map { channel, series in
            zip(periods, series).map { period, outcome in
                PeriodOutcome(spend: outcome.spend, revenue: Double(outcomes[channel]?[period] ?? 0))
            }
        }
        guard let campaignOutcomes else {
            copy.campaigns = [:]
            return copy
        }
        copy.campaigns = campaigns.mapValues { _ in [] }
        for (channel, list) in campaigns {
            copy.campaigns[channel] = list.map { campaign in
                let credited = campaignOutcomes[channel]?[campaign.name]
                return (
                    campaign.name,
                    zip(periods, campaign.outcomes).map { period, outcome in
                        PeriodOutcome(spend: outcome.spend, revenue: Double(credited?[period] ?? 0))
                    }
                )
            }
        }
        return copy
    }

    /// The spend side's campaigns per channel, with their ids where the history carries them (a
    /// `campaign_id` column), for `CampaignMatcher`.
    public var spendCampaigns: [String: [CampaignMatcher.SpendCampaign]] {
        Dictionary(
            uniqueKeysWithValues: campaigns.map { channel, list in
                (
                    channel,
                    list.filter { !$0.name.isEmpty }.map { campaign in
                        CampaignMatcher.SpendCampaign(name: campaign.name, id: campaignIDs[channel]?[campaign.name])
                    }
                )
            })
    }

    /// Per channel, campaign ids by campaign name, from a `campaign_id` column.
    public var campaignIDs: [String: [String: String]] = [:]

    /// Per channel, its campaigns (sorted; "" for rows without one) and each campaign's outcomes.
    public var campaigns: [String: [(name: String, outcomes: [PeriodOutcome])]] = [:]

    public static func parse(
        csv text: String, path: String, currency: CurrencyCode, periodDays: Int, diagnostics: inout [Diagnostic]
    ) -> SpendHistory {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard !lines.isEmpty else { return SpendHistory(channels: [], outcomes: [], periods: []) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        let isDaily = column("date") != nil
        guard let channelColumn = column("channel"), let spendColumn = column("spend"),
            isDaily || column("period") != nil
        else {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "the header must name period,channel,campaign,spend,pipeline,revenue (or an export's date,channel,campaign,spend,...,revenue)",
                    at: DiagnosticSource(path: path, line: 1)))
            return SpendHistory(channels: [], outcomes: [], periods: [])
        }
        let periodColumn = column(isDaily ? "date" : "period") ?? 0
        let campaignColumn = column("campaign")
        let revenueColumn = column("revenue")
        let pipelineColumn = column("pipeline")
        let campaignIDColumn = column("campaign_id")
        struct Row {
            var period: String
            var channel: String
            var campaign: String
            var originalDay: String
            var spend: Int64
            var outcome: Int64
        }
        var rows: [Row] = []
        var campaignIDs: [String: [String: String]] = [:]
        for (offset, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let source = DiagnosticSource(path: path, line: offset + 2)
            guard fields.count == header.count else {
                diagnostics.append(
                    Diagnostic(.error, "expected \(header.count) fields, found \(fields.count)", at: source))
                continue
            }
            func money(_ index: Int?) -> Int64? {
                guard let index, !fields[index].isEmpty else { return nil }
                return Money(decimal: fields[index], currency: currency)?.minorUnits
            }
            guard let spend = money(spendColumn), spend >= 0 else {
                diagnostics.append(Diagnostic(.error, "'spend' must be a decimal amount such as 1250.00", at: source))
                continue
            }
            let outcome = money(revenueColumn) ?? money(pipelineColumn) ?? 0
            if let campaignIDColumn, let campaignColumn, !fields[campaignIDColumn].isEmpty {
                campaignIDs[fields[channelColumn], default: [:]][fields[campaignColumn]] = fields[campaignIDColumn]
            }
            rows.append(
                Row(
                    period: fields[periodColumn], channel: fields[channelColumn],
                    campaign: campaignColumn.map { fields[$0] } ?? "", originalDay: fields[periodColumn], spend: spend,
                    outcome: outcome))
        }
        if isDaily {
            // Periods of `periodDays` ending on the last day, labelled by their first day.
            let days = rows.compactMap { CalendarDay(iso: $0.period) }
            if let last = days.max() {
                for index in rows.indices {
                    guard let day = CalendarDay(iso: rows[index].period) else { continue }
                    let back = (last.daysSinceEpoch - day.daysSinceEpoch) / Int64(periodDays)
                    rows[index].period = last.adding(days: -(back + 1) * Int64(periodDays) + 1).description
                }
            }
        }
        let periods = Array(Set(rows.map(\.period))).sorted()
        let channels = Array(Set(rows.map(\.channel))).sorted()
        var totals: [String: [String: (Int64, Int64)]] = [:]
        for row in rows {
            let sum = totals[row.channel, default: [:]][row.period] ?? (0, 0)
            totals[row.channel, default: [:]][row.period] = (sum.0 + row.spend, sum.1 + row.outcome)
        }
        let outcomes = channels.map { channel in
            periods.map { period in
                let sum = totals[channel]?[period] ?? (0, 0)
                return PeriodOutcome(spend: Double(sum.0), revenue: Double(sum.1))
            }
        }
        var campaignTotals: [String: [String: [String: (Int64, Int64)]]] = [:]
        for row in rows {
            let sum = campaignTotals[row.channel, default: [:]][row.campaign, default: [:]][row.period] ?? (0, 0)
            campaignTotals[row.channel, default: [:]][row.campaign, default: [:]][row.period] =
                (sum.0 + row.spend, sum.1 + row.outcome)
        }
        var history = SpendHistory(channels: channels, outcomes: outcomes, periods: periods)
        history.periodDays = periodDays
        history.campaignIDs = campaignIDs
        if isDaily { history.lastDay = rows.compactMap { CalendarDay(iso: $0.originalDay) }.max() }
        for (channel, byCampaign) in campaignTotals {
            history.campaigns[channel] = byCampaign.keys.sorted().map { campaign in
                let series = periods.map { period in
                    let sum = byCampaign[campaign]?[period] ?? (0, 0)
                    return PeriodOutcome(spend: Double(sum.0), revenue: Double(sum.1))
                }
                return (campaign, series)
            }
        }
        return history
    }

    public init(channels: [String], outcomes: [[PeriodOutcome]], periods: [String]) {
        self.channels = channels
        self.outcomes = outcomes
        self.periods = periods
    }
}
