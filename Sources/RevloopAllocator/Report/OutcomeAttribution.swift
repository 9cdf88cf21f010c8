public import RevloopCore

/// Credits CRM outcomes to ad channels: a deal goes to the channel of the latest click before the deal was
/// created among its contacts' clicks, widened through the identity graph to the other CRM records of
/// the same people (the record on the opportunity is often not the one that filled the form with the
/// click id) (gclid, gbraid, wbraid: google; fbclid: meta; li_fat_id: linkedin). Its
/// pipeline value (the amount it opened with) counts in the period it was created, its revenue (the amount
/// now, if it is won now: not lost, refunded or deleted) in the period it was won, both converted into the
/// allocator's currency at the rates of those days. Restatements are in by construction (the snapshot holds
/// each deal's current amount); a won deal later lost or refunded earns nothing.
public struct OutcomeAttribution: Sendable {
    /// Pipeline and revenue per channel, per period label, in minor units.
    public var pipeline: [String: [String: Int64]] = [:]
    public var revenue: [String: [String: Int64]] = [:]
    /// Per channel and period of creation, what the deals created then are worth: the amount of those
    /// won, nothing for those lost, and for those still open their amount times the value-weighted win rate
    /// of decided deals. Revenue where it has matured, pipeline as the early signal where it has not, both
    /// credited to the period whose spend produced the deals (the lag between spend and revenue).
    public var cohortValue: [String: [String: Int64]] = [:]
    /// Of the decided deals (won or lost), the share of their opening value that was won.
    public var winRate = 0.0
    /// Of the cohort value, the part that is still an expectation (open deals).
    public var expectedShare = 0.0
    /// Deals credited to a channel, and deals with no click before they were created.
    public var attributed = 0
    public var unattributed = 0
    /// Credited deals whose click came from a contact other than the primary one, or from another CRM
    /// record of the same person: the primary contact alone would have left them unattributed.
    public var widened = 0
    /// Amounts left out for want of an exchange rate.
    public var unconverted = 0

    public static func channel(of kind: ClickIDKind) -> String {
        switch kind {
        case .gclid, .gbraid, .wbraid: "google"
        case .fbclid: "meta"
        case .linkedInFirstPartyID: "linkedin"
        }
    }

    /// `period` maps a day to its period label (nil: outside the history, not counted).
    /// `samePerson` lists, per contact, the other contact records the identity graph puts in its person.
    public init(
        deals: [Deal], clicks: [ContactID: [ClickID]], samePerson: [ContactID: [ContactID]] = [:],
        pipelines: [PipelineID: Pipeline], currency: CurrencyCode, rates: ExchangeRateTable,
        period: (CalendarDay) -> String?
    ) {
        func latestClick(before time: Timestamp, among contacts: [ContactID]) -> ClickID? {
            contacts.flatMap { clicks[$0] ?? [] }.filter { $0.clickedAt <= time }.max { $0.clickedAt < $1.clickedAt }
        }
        var cohorts: [Cohort] = []
        for deal in deals where !deal.isDeleted {
            let widenedContacts = deal.contactIDs + deal.contactIDs.flatMap { samePerson[$0] ?? [] }
            guard let click = latestClick(before: deal.createdAt, among: widenedContacts) else {
                unattributed += 1
                continue
            }
            attributed += 1
            if latestClick(before: deal.createdAt, among: Array(deal.contactIDs.prefix(1))) == nil { widened += 1 }
            let channel = Self.channel(of: click.kind)
            func credit(_ money: Money, at time: Timestamp, into table: inout [String: [String: Int64]]) {
                guard let label = period(time.utcDay) else { return }
                guard let converted = rates.convert(money, to: currency, on: time.utcDay) else {
                    unconverted += 1
                    return
                }
                table[channel, default: [:]][label, default: 0] += converted.converted.minorUnits
            }
            if let opened = deal.amountHistory.first?.amount ?? deal.amount {
                credit(opened, at: deal.createdAt, into: &pipeline)
            }
            let stages = pipelines[deal.pipelineID]?.stages ?? []
            let stage = stages.first { $0.id == deal.stageID }
            let wonNow = stage?.isWon == true && deal.lostReason != "refunded"
            if wonNow, let amount = deal.amount,
                let wonAt = deal.stageHistory.first(where: { $0.stageID == deal.stageID })?.enteredAt
            {
                credit(amount, at: wonAt, into: &revenue)
            }
            // The cohort: this deal's worth, credited to the period it was created in.
            guard let opened = deal.amountHistory.first?.amount ?? deal.amount,
                let label = period(deal.createdAt.utcDay),
                let openedValue = rates.convert(opened, to: currency, on: deal.createdAt.utcDay)?.converted.minorUnits
            else { continue }
            let decided: Cohort.State =
                wonNow
                ? .won(
                    rates.convert(deal.amount ?? opened, to: currency, on: deal.createdAt.utcDay)?.converted.minorUnits
                        ?? openedValue)
                : ((stage?.isClosed == true && stage?.isWon == false) || deal.lostReason != nil) ? .lost : .open
            cohorts.append(Cohort(channel: channel, period: label, opened: openedValue, state: decided))
        }
        let won = cohorts.reduce(Int64(0)) { if case .won = $1.state { $0 + $1.opened } else { $0 } }
        let lost = cohorts.reduce(Int64(0)) { if case .lost = $1.state { $0 + $1.opened } else { $0 } }
        winRate = won + lost > 0 ? Double(won) / Double(won + lost) : 0
        var expected = 0.0
        var total = 0.0
        for cohort in cohorts {
            let value: Double
            switch cohort.state {
            case .won(let amount): value = Double(amount)
            case .lost: value = 0
            case .open:
                value = Double(cohort.opened) * winRate
                expected += value
            }
            total += value
            cohortValue[cohort.channel, default: [:]][cohort.period, default: 0] += Int64(value.rounded())
        }
        expectedShare = total > 0 ? expected / total : 0
    }

    /// One credited deal, by the period it was created in.
    private struct Cohort {
        enum State {
            case won(Int64)
            case lost
            case open
        }
        var channel: String
        var period: String
        var opened: Int64
        var state: State
    }
}
