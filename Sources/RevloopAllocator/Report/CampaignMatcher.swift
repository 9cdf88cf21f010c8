/// Finds the spend campaign an outcome's campaign names. The two sides spell campaigns differently: the
/// platforms' reporting APIs give an id and a display name ("Non-brand search", id 1002; LinkedIn only a
/// URN), visits carry the UTM campaign someone typed into a link ("nonbrand-search", or the id when the
/// link uses a ValueTrack parameter such as `{campaignid}`). The rule, within one channel, first hit wins:
///
/// 1. an alias from revloop.yaml (`allocator.channels.<channel>.campaigns.<campaign>.matches`);
/// 2. the spend campaign's id;
/// 3. the spend campaign's name, compared without case, spaces, hyphens or underscores.
///
/// A campaign that matches nothing stays under its own name: outcomes with no spend, which the command
/// reports as a warning.
public struct CampaignMatcher: Sendable {
    /// One campaign as the spend side reports it.
    public struct SpendCampaign: Hashable, Sendable {
        /// The label the spend history files it under (the platform's name, or its id where it gives none).
        public var name: String
        public var id: String?

        public init(name: String, id: String? = nil) {
            self.name = name
            self.id = id
        }
    }

    private var byAlias: [String: [String: String]] = [:]
    private var byID: [String: [String: String]] = [:]
    private var byName: [String: [String: String]] = [:]

    /// `campaigns`: per channel, the spend side's campaigns. `aliases`: per channel, per spend campaign
    /// name, the outcome campaigns that mean it.
    public init(campaigns: [String: [SpendCampaign]], aliases: [String: [String: [String]]] = [:]) {
        for (channel, list) in campaigns {
            // Sorted so that two spend campaigns with the same key resolve the same way on every run.
            for campaign in list.sorted(by: { $0.name < $1.name }) {
                if let id = campaign.id, !id.isEmpty {
                    byID[channel, default: [:]][id] = byID[channel]?[id] ?? campaign.name
                }
                let key = Self.normalized(campaign.name)
                byName[channel, default: [:]][key] = byName[channel]?[key] ?? campaign.name
            }
        }
        for (channel, byCampaign) in aliases {
            for (campaign, names) in byCampaign {
                for name in names { byAlias[channel, default: [:]][Self.normalized(name)] = campaign }
            }
        }
    }

    /// The spend campaign `campaign` (an outcome's, as the visit or the CRM spelled it) names in `channel`,
    /// or `nil` when it names none.
    public func spendCampaign(channel: String, campaign: String) -> String? {
        let key = Self.normalized(campaign)
        return byAlias[channel]?[key] ?? byID[channel]?[campaign.trimmingWhitespace] ?? byName[channel]?[key]
    }

    /// Lower case, without spaces, hyphens or underscores: "Non-brand search" and "nonbrand_search" agree.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
