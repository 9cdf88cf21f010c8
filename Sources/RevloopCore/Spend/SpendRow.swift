/// One campaign's spend on one day, as an ad platform's reporting API states it: the allocator's input.
public struct SpendRow: Hashable, Sendable, Codable {
    public var day: CalendarDay
    /// `google`, `meta` or `linkedin`: the allocator's channel.
    public var channel: String
    /// The platform's campaign name, or its id where the API gives no name.
    public var campaign: String
    /// The platform's campaign id, when the API gives one (`nil` in files that carry none). Outcomes are
    /// matched to campaigns by this id first, then by name.
    public var campaignID: String?
    /// In the ad account's currency.
    public var spend: Money
    public var impressions: Int64
    public var clicks: Int64

    public init(
        day: CalendarDay, channel: String, campaign: String, spend: Money, impressions: Int64, clicks: Int64,
        campaignID: String? = nil
    ) {
        self.day = day
        self.channel = channel
        self.campaign = campaign
        self.campaignID = campaignID
        self.spend = spend
        self.impressions = impressions
        self.clicks = clicks
    }

    /// The daily spend file's header, as the sample export's `spend.csv` and `revloop allocate` read it.
    public static let csvHeader = "date,channel,campaign,spend,currency,impressions,clicks,revenue"

    /// The row in that file (no revenue: outcomes come from the CRM). Commas in a campaign name become
    /// spaces, as the file has no quoting.
    public var csvLine: String {
        let name = String(campaign.map { $0 == "," ? " " : $0 })
        return "\(day),\(channel),\(name),\(spend.decimalString),\(spend.currency.code),\(impressions),\(clicks),"
    }
}
