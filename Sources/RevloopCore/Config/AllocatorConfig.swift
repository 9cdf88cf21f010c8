/// The budget allocator's settings in `revloop.yaml`: the period's budget and each channel's bounds.
///
/// `revloop allocate` applies them.
public struct AllocatorConfig: Hashable, Sendable {
    /// One channel's bounds: shares (0 to 1 of the budget) and amounts; the tighter of each pair holds.
    public struct ChannelBounds: Hashable, Sendable {
        public var minimumShare: Double
        public var maximumShare: Double
        /// A fixed amount for the period (the channel is not reallocated).
        public var pinned: Money?
        /// The least and the most the channel may get, as amounts (`min`, `max`).
        public var minimum: Money?
        public var maximum: Money?

        /// The share bounds for `budget` (minor units): each share bound tightened by its amount bound.
        public func shares(of budget: Int64) -> (minimum: Double, maximum: Double) {
            let total = Double(max(budget, 1))
            return (
                max(minimumShare, minimum.map { Double($0.minorUnits) / total } ?? 0),
                min(maximumShare, maximum.map { Double($0.minorUnits) / total } ?? 1)
            )
        }
    }

    /// The most a channel's spend may change from the current split, as a fraction of it (0.3 = 30%).
    public var maximumChange: Double?
    /// Every channel gets at least this share of the budget, so it keeps producing data.
    public var explorationFloor: Double = 0
    /// This share of the budget stays on the current split (a holdout), so the lift of reallocating can be measured.
    public var holdoutShare: Double = 0

    public var periodDays: Int
    public var budget: Money
    public var channels: [String: ChannelBounds]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> AllocatorConfig? {
        let fields = node.mapping(
            allowed: [
                "period_days", "budget", "currency", "channels", "max_change", "exploration_floor", "holdout_share",
            ],
            diagnostics: &diagnostics)
        let period = fields["period_days"]?.integer(in: 1...366, diagnostics: &diagnostics) ?? 7
        guard let currencyNode = fields["currency"], let currencyText = currencyNode.string(diagnostics: &diagnostics),
            let currency = CurrencyCode(currencyText)
        else {
            diagnostics.append(node.error("'allocator.currency' must be an ISO 4217 code such as USD"))
            return nil
        }
        guard let budgetNode = fields["budget"], let budgetText = budgetNode.string(diagnostics: &diagnostics),
            let budget = Money(decimal: budgetText, currency: currency), budget.minorUnits > 0
        else {
            diagnostics.append(node.error("'allocator.budget' must be a positive decimal amount such as \"50000.00\""))
            return nil
        }
        var channels: [String: ChannelBounds] = [:]
        if let channelsNode = fields["channels"] {
            for (name, channelNode) in channelsNode.entries("channel names to share bounds", diagnostics: &diagnostics)
            {
                let bounds = channelNode.mapping(
                    allowed: ["min_share", "max_share", "pinned", "min", "max"], diagnostics: &diagnostics)
                let minimum = bounds["min_share"]?.number(in: 0...1, diagnostics: &diagnostics) ?? 0
                let maximum = bounds["max_share"]?.number(in: 0...1, diagnostics: &diagnostics) ?? 1
                if minimum > maximum {
                    diagnostics.append(channelNode.error("'min_share' is above 'max_share' for channel '\(name)'"))
                }
                var pinned: Money?
                if let pinnedNode = bounds["pinned"], let text = pinnedNode.string(diagnostics: &diagnostics) {
                    pinned = Money(decimal: text, currency: currency)
                    if pinned == nil {
                        diagnostics.append(pinnedNode.error("'pinned' must be a decimal amount such as \"2000.00\""))
                    }
                }
                func amount(_ key: String) -> Money? {
                    guard let node = bounds[key], let text = node.string(diagnostics: &diagnostics) else { return nil }
                    guard let money = Money(decimal: text, currency: currency), money.minorUnits >= 0 else {
                        diagnostics.append(node.error("'\(key)' must be a decimal amount such as \"2000.00\""))
                        return nil
                    }
                    return money
                }
                let least = amount("min")
                let most = amount("max")
                if let least, let most, least.minorUnits > most.minorUnits {
                    diagnostics.append(channelNode.error("'min' is above 'max' for channel '\(name)'"))
                }
                channels[name] = ChannelBounds(
                    minimumShare: minimum, maximumShare: maximum, pinned: pinned, minimum: least, maximum: most)
            }
            let minimumTotal = channels.values.reduce(0) { $0 + $1.minimumShare }
            if minimumTotal > 1 {
                diagnostics.append(channelsNode.error("the channels' 'min_share' add up to more than 1"))
            }
        }
        var config = AllocatorConfig(periodDays: period, budget: budget, channels: channels)
        config.maximumChange = fields["max_change"]?.number(in: 0.01...10, diagnostics: &diagnostics)
        config.explorationFloor = fields["exploration_floor"]?.number(in: 0...0.5, diagnostics: &diagnostics) ?? 0
        config.holdoutShare = fields["holdout_share"]?.number(in: 0...0.5, diagnostics: &diagnostics) ?? 0
        return config
    }
}
