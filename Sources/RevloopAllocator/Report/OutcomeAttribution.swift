public import RevloopCore

/// Credits CRM outcomes to ad channels and campaigns.
///
/// Channel: a deal goes to the channel of the latest click before the deal was created among its contacts'
/// clicks, widened through the identity graph to the other CRM records of the same people (the record on the
/// opportunity is often not the one that filled the form with the click id) (gclid, gbraid, wbraid: google;
/// fbclid: meta; li_fat_id: linkedin).
///
/// Campaign: the UTM campaign of the visit that carried that click, among the clicking person's activities
/// (their record and the records the identity graph puts with it) with a campaign and a channel that could
/// carry the click (a paid search visit for Google, a paid social one for Meta and LinkedIn, or one naming
/// no channel: an email or organic visit carries no ad click): the one nearest at or before the click;
/// failing that, the first after the click by the time the deal opened (a CRM stores the time of the ad
/// click, and the form fill that brought the click id in comes later, as in the bundled sample); else the
/// contact's own UTM campaign when the CRM keeps one; else the channel's `(unattributed campaign)`.
/// `CampaignMatcher` then files it under the spend side's name.
///
/// Value: from the CRM, or, given `delivered`, from the ledger (what the platforms were last sent and
/// accepted: `DeliveredValue`), each part falling back to the CRM for a deal the ledger holds nothing of
/// (holdouts, consent skips, deals outside every mapping), counted in `crmFallback`. The pipeline value
/// (the amount the deal opened with, or the delivered pipeline value) counts in the period it was created,
/// its revenue (the amount now if it is won now, not lost, refunded or deleted; or the delivered closed-won
/// value, zero once retracted) in the period it was won, both converted into the allocator's currency at
/// the rates of those days.
public struct OutcomeAttribution: Sendable {
    /// The campaign bucket of a channel's deals whose campaign is not known.
    public static let unattributedCampaign = "(unattributed campaign)"

    /// Per channel, per campaign, per period label, in minor units: pipeline, revenue and cohort value.
    public var campaignPipeline: [String: [String: [String: Int64]]] = [:]
    public var campaignRevenue: [String: [String: [String: Int64]]] = [:]
    public var campaignCohortValue: [String: [String: [String: Int64]]] = [:]

    /// Pipeline and revenue per channel, per period label, in minor units (the campaigns summed).
    public var pipeline: [String: [String: Int64]] { Self.channelTotals(campaignPipeline) }
    public var revenue: [String: [String: Int64]] { Self.channelTotals(campaignRevenue) }
    /// Per channel and period of creation, what the deals created then are worth: the amount of those
    /// won, nothing for those lost, and for those still open their delivered pipeline value or, from the
    /// CRM, their amount times the value-weighted win rate of decided deals. Revenue where it has matured,
    /// pipeline as the early signal where it has not, both credited to the period whose spend produced the
    /// deals (the lag between spend and revenue).
    public var cohortValue: [String: [String: Int64]] { Self.channelTotals(campaignCohortValue) }
    /// Of the decided deals (won or lost, as the CRM has them), the share of their opening value that was won.
    public var winRate = 0.0
    /// Of the cohort value, the part that is still an expectation (open deals).
    public var expectedShare = 0.0
    /// Deals credited to a channel, and deals with no click before they were created.
    public var attributed = 0
    public var unattributed = 0
    /// Credited deals whose click came from a contact other than the primary one, or from another CRM
    /// record of the same person: the primary contact alone would have left them unattributed.
    public var widened = 0
    /// Credited deals whose campaign came from the visit at the click, from the first visit after it by the
    /// time the deal opened (the form fill that carried the stored click id), from the contact's own UTM
    /// campaign, or from none of these (the unattributed bucket).
    public var campaignFromVisit = 0
    public var campaignFromFormFill = 0
    public var campaignFromContact = 0
    public var campaignUnknown = 0
    /// Per channel, outcome campaigns that name no spend campaign, with their deal counts.
    public var campaignsWithoutSpend: [String: [String: Int]] = [:]
    /// With `delivered`: credited deals valued from the ledger, and those with a part valued from the CRM
    /// because the ledger holds nothing of it.
    public var ledgerValued = 0
    public var crmFallback = 0
    /// Amounts left out for want of an exchange rate.
    public var unconverted = 0

    public static func channel(of kind: ClickIDKind) -> String {
        switch kind {
        case .gclid, .gbraid, .wbraid: "google"
        case .fbclid: "meta"
        case .linkedInFirstPartyID: "linkedin"
        }
    }

    /// Whether a visit of marketing channel `visitChannel` (`Activity.channel`) can carry a click of the ad
    /// channel `channel`: a visit naming no channel can; email, organic, referral and direct visits cannot.
    public static func visit(channel visitChannel: String?, canCarry channel: String) -> Bool {
        guard let visitChannel = visitChannel?.lowercased(), !visitChannel.isEmpty else { return true }
        switch visitChannel {
        case channel: return true
        case "paid_search", "cpc", "ppc": return channel == "google"
        case "paid_social": return channel == "meta" || channel == "linkedin"
        default: return false
        }
    }

    /// `period` maps a day to its period label (nil: outside the history, not counted).
    /// `samePerson` lists, per contact, the other contact records the identity graph puts in its person;
    /// `activities` are their visits, `contactCampaigns` the UTM campaign a CRM keeps on a contact.
    /// `delivered`, when given, values deals from the ledger (see the type's summary).
    public init(
        deals: [Deal], clicks: [ContactID: [ClickID]], samePerson: [ContactID: [ContactID]] = [:],
        activities: [ContactID: [Activity]] = [:], contactCampaigns: [ContactID: String] = [:],
        campaigns: CampaignMatcher = CampaignMatcher(campaigns: [:]), delivered: [DealID: DeliveredValue]? = nil,
        pipelines: [PipelineID: Pipeline], currency: CurrencyCode, rates: ExchangeRateTable,
        period: (CalendarDay) -> String?
    ) {
        func latestClick(before time: Timestamp, among contacts: [ContactID]) -> ClickID? {
            contacts.flatMap { clicks[$0] ?? [] }.filter { $0.clickedAt <= time }
                .max { ($0.clickedAt, $0.value) < ($1.clickedAt, $1.value) }
        }
        /// The campaign visit nearest at or before the click; failing that, the first one after it and by
        /// `opened` (the form fill that carried the stored click id into the CRM).
        func visitCampaign(of click: ClickID, channel: String, among contacts: [ContactID], opened: Timestamp)
            -> (campaign: String, atClick: Bool)?
        {
            let visits = contacts.flatMap { activities[$0] ?? [] }
                .filter { !($0.campaign ?? "").isEmpty && Self.visit(channel: $0.channel, canCarry: channel) }
            let order = { (a: Activity, b: Activity) in
                (a.occurredAt, a.campaign ?? "") < (b.occurredAt, b.campaign ?? "")
            }
            if let before = visits.filter({ $0.occurredAt <= click.clickedAt }).max(by: order),
                let name = before.campaign
            {
                return (name, true)
            }
            let after = visits.filter { $0.occurredAt > click.clickedAt && $0.occurredAt <= opened }.min(by: order)
            return after?.campaign.map { ($0, false) }
        }
        var cohorts: [Cohort] = []
        var decidedWon: Int64 = 0
        var decidedLost: Int64 = 0
        for deal in deals where !deal.isDeleted {
            let widenedContacts = deal.contactIDs + deal.contactIDs.flatMap { samePerson[$0] ?? [] }
            guard let click = latestClick(before: deal.createdAt, among: widenedContacts) else {
                unattributed += 1
                continue
            }
            attributed += 1
            if latestClick(before: deal.createdAt, among: Array(deal.contactIDs.prefix(1))) == nil { widened += 1 }
            let channel = Self.channel(of: click.kind)
            // The person who clicked: the click's record and the records the graph puts with it.
            let person = deal.contactIDs.filter {
                $0 == click.contactID || samePerson[$0]?.contains(click.contactID) == true
            }
            .flatMap { [$0] + (samePerson[$0] ?? []) }
            let people = [click.contactID] + Set(person).subtracting([click.contactID]).sorted()
            let visited = visitCampaign(of: click, channel: channel, among: people, opened: deal.createdAt)
            let kept = people.lazy.compactMap { contactCampaigns[$0] }.first { !$0.isEmpty }
            let campaign: String
            if let named = visited?.campaign ?? kept {
                switch visited?.atClick {
                case true: campaignFromVisit += 1
                case false: campaignFromFormFill += 1
                case nil: campaignFromContact += 1
                }
                if let matched = campaigns.spendCampaign(channel: channel, campaign: named) {
                    campaign = matched
                } else {
                    campaign = named
                    campaignsWithoutSpend[channel, default: [:]][named, default: 0] += 1
                }
            } else {
                campaignUnknown += 1
                campaign = Self.unattributedCampaign
            }
            func credit(_ money: Money, at time: Timestamp, into table: inout [String: [String: [String: Int64]]]) {
                guard let label = period(time.utcDay) else { return }
                guard let converted = rates.convert(money, to: currency, on: time.utcDay) else {
                    unconverted += 1
                    return
                }
                table[channel, default: [:]][campaign, default: [:]][label, default: 0] +=
                    converted.converted.minorUnits
            }
            let value = delivered.map { $0[deal.id] ?? DeliveredValue() }
            if value?.isDelivered == true { ledgerValued += 1 }
            let stages = pipelines[deal.pipelineID]?.stages ?? []
            let stage = stages.first { $0.id == deal.stageID }
            let wonNow = stage?.isWon == true && deal.lostReason != "refunded"
            let lostNow = (stage?.isClosed == true && stage?.isWon == false) || deal.lostReason != nil
            let wonAt = deal.stageHistory.first(where: { $0.stageID == deal.stageID })?.enteredAt
            let openedAmount = deal.amountHistory.first?.amount ?? deal.amount
            // A part the ledger holds nothing of falls back to the CRM (counted once per deal).
            var fellBack = false
            if let delivered = value?.pipeline {
                credit(delivered, at: deal.createdAt, into: &campaignPipeline)
            } else if let openedAmount {
                fellBack = value != nil
                credit(openedAmount, at: deal.createdAt, into: &campaignPipeline)
            }
            if let delivered = value?.revenue {
                let closedAt =
                    value?.revenueStage.flatMap { stage in
                        deal.stageHistory.first(where: { $0.stageID == stage })?.enteredAt
                    } ?? wonAt
                if let closedAt, delivered.minorUnits != 0 { credit(delivered, at: closedAt, into: &campaignRevenue) }
            } else if wonNow, let amount = deal.amount, let wonAt {
                fellBack = fellBack || value != nil
                credit(amount, at: wonAt, into: &campaignRevenue)
            }
            // The cohort: this deal's worth, credited to the period it was created in.
            guard let openedAmount, let label = period(deal.createdAt.utcDay),
                let openedValue = rates.convert(openedAmount, to: currency, on: deal.createdAt.utcDay)?.converted
                    .minorUnits
            else {
                if fellBack { crmFallback += 1 }
                continue
            }
            func converted(_ money: Money) -> Int64 {
                rates.convert(money, to: currency, on: deal.createdAt.utcDay)?.converted.minorUnits ?? openedValue
            }
            if wonNow { decidedWon += openedValue } else if lostNow { decidedLost += openedValue }
            let state: Cohort.State
            if let delivered = value?.revenue {
                state = delivered.minorUnits == 0 ? .lost : .won(converted(delivered))
            } else if wonNow {
                state = .won(converted(deal.amount ?? openedAmount))
            } else if let delivered = value?.pipeline {
                state = delivered.minorUnits == 0 ? .lost : .expected(converted(delivered))
            } else {
                fellBack = fellBack || value != nil
                state = lostNow ? .lost : .open
            }
            if fellBack { crmFallback += 1 }
            cohorts.append(
                Cohort(channel: channel, campaign: campaign, period: label, opened: openedValue, state: state))
        }
        winRate = decidedWon + decidedLost > 0 ? Double(decidedWon) / Double(decidedWon + decidedLost) : 0
        var expected = 0.0
        var total = 0.0
        for cohort in cohorts {
            let value: Double
            switch cohort.state {
            case .won(let amount): value = Double(amount)
            case .lost: value = 0
            case .expected(let amount):
                value = Double(amount)
                expected += value
            case .open:
                value = Double(cohort.opened) * winRate
                expected += value
            }
            total += value
            campaignCohortValue[cohort.channel, default: [:]][cohort.campaign, default: [:]][
                cohort.period, default: 0] += Int64(value.rounded())
        }
        expectedShare = total > 0 ? expected / total : 0
    }

    /// Per channel, the campaigns' period tables summed.
    public static func channelTotals(_ table: [String: [String: [String: Int64]]]) -> [String: [String: Int64]] {
        table.mapValues { byCampaign in
            byCampaign.values.reduce(into: [String: Int64]()) { sum, series in
                for (period, value) in series { sum[period, default: 0] += value }
            }
        }
    }

    /// One credited deal, by the period it was created in.
    private struct Cohort {
        enum State {
            /// Won: the amount (CRM) or the delivered closed-won value (ledger).
            case won(Int64)
            case lost
            /// Open, valued by the ledger's delivered pipeline value (already what the platforms were told
            /// it is worth).
            case expected(Int64)
            /// Open, valued from the CRM at its opening amount times the win rate.
            case open
        }
        var channel: String
        var campaign: String
        var period: String
        var opened: Int64
        var state: State
    }
}
