extension AllocatorConfig {
    /// One channel's (or one campaign's) bounds: shares (0 to 1 of the budget it splits: the period's for a
    /// channel, its channel's amount for a campaign) and amounts; the tighter of each pair holds.
    public struct ChannelBounds: Hashable, Sendable {
        public var minimumShare: Double = 0
        public var maximumShare: Double = 1
        /// A fixed amount for the period (it is not reallocated).
        public var pinned: Money?
        /// The least and the most it may get, as amounts (`min`, `max`).
        public var minimum: Money?
        public var maximum: Money?
        /// A channel's campaigns' own bounds, within the channel's amount.
        public var campaigns: [String: ChannelBounds] = [:]
        /// For a campaign: the other names outcomes give it (UTM campaigns, ids), when neither its id nor
        /// its name (without case, spaces, hyphens or underscores) matches them (`matches`).
        public var matches: [String] = []

        public init(
            minimumShare: Double = 0, maximumShare: Double = 1, pinned: Money? = nil, minimum: Money? = nil,
            maximum: Money? = nil
        ) {
            self.minimumShare = minimumShare
            self.maximumShare = maximumShare
            self.pinned = pinned
            self.minimum = minimum
            self.maximum = maximum
        }

        /// The share bounds for `budget` (minor units): each share bound tightened by its amount bound.
        public func shares(of budget: Int64) -> (minimum: Double, maximum: Double) {
            let total = Double(max(budget, 1))
            return (
                max(minimumShare, minimum.map { Double($0.minorUnits) / total } ?? 0),
                min(maximumShare, maximum.map { Double($0.minorUnits) / total } ?? 1)
            )
        }

        /// Reads `min_share`, `max_share`, `min`, `max`, `pinned` (and, for a channel, `campaigns`; for a
        /// campaign, `matches`).
        static func read(
            _ node: ConfigNode, name: String, currency: CurrencyCode, campaigns: Bool, diagnostics: inout [Diagnostic]
        ) -> ChannelBounds {
            let what = campaigns ? "channel" : "campaign"
            let fields = node.mapping(
                allowed: ["min_share", "max_share", "pinned", "min", "max"] + (campaigns ? ["campaigns"] : ["matches"]),
                diagnostics: &diagnostics)
            var bounds = ChannelBounds()
            bounds.minimumShare = fields["min_share"]?.number(in: 0...1, diagnostics: &diagnostics) ?? 0
            bounds.maximumShare = fields["max_share"]?.number(in: 0...1, diagnostics: &diagnostics) ?? 1
            if bounds.minimumShare > bounds.maximumShare {
                diagnostics.append(node.error("'min_share' is above 'max_share' for \(what) '\(name)'"))
            }
            func amount(_ key: String) -> Money? {
                guard let node = fields[key], let text = node.string(diagnostics: &diagnostics) else { return nil }
                guard let money = Money(decimal: text, currency: currency), money.minorUnits >= 0 else {
                    diagnostics.append(node.error("'\(key)' must be a decimal amount such as \"2000.00\""))
                    return nil
                }
                return money
            }
            bounds.pinned = amount("pinned")
            bounds.matches = (fields["matches"]?.list(diagnostics: &diagnostics) ?? []).compactMap {
                $0.string(diagnostics: &diagnostics)
            }
            bounds.minimum = amount("min")
            bounds.maximum = amount("max")
            if let least = bounds.minimum, let most = bounds.maximum, least.minorUnits > most.minorUnits {
                diagnostics.append(node.error("'min' is above 'max' for \(what) '\(name)'"))
            }
            if let campaignsNode = fields["campaigns"] {
                for (campaign, campaignNode) in campaignsNode.entries(
                    "campaign names to their bounds", diagnostics: &diagnostics)
                {
                    bounds.campaigns[campaign] = read(
                        campaignNode, name: campaign, currency: currency, campaigns: false, diagnostics: &diagnostics)
                }
                if bounds.campaigns.values.reduce(0, { $0 + $1.minimumShare }) > 1 {
                    diagnostics.append(campaignsNode.error("the campaigns' 'min_share' add up to more than 1"))
                }
            }
            return bounds
        }
    }
}
