/// The budget allocator's settings in `revloop.yaml`: the period's budget and each channel's bounds.
///
/// `revloop allocate` applies them.
public struct AllocatorConfig: Hashable, Sendable {
    /// The most a channel's spend may change from the current split, as a fraction of it (0.3 = 30%).
    public var maximumChange: Double?
    /// Every channel gets at least this share of the budget, so it keeps producing data.
    public var explorationFloor: Double = 0
    /// This share of the budget stays on the current split (a holdout), so the lift of reallocating can be measured.
    public var holdoutShare: Double = 0

    public var periodDays: Int
    public var budget: Money
    public var channels: [String: ChannelBounds]

    public init(periodDays: Int, budget: Money, channels: [String: ChannelBounds]) {
        self.periodDays = periodDays
        self.budget = budget
        self.channels = channels
    }

    /// Reads a constraints file (`revloop allocate --constraints`): the keys of `revloop.yaml`'s `allocator`
    /// section at its top level. `nil` (with the diagnostics) when it cannot be read or is invalid.
    public static func read(constraints document: ConfigDocument, diagnostics: inout [Diagnostic]) -> AllocatorConfig? {
        guard let root = document.root else { return nil }
        let before = diagnostics.count
        let config = read(root, diagnostics: &diagnostics)
        return diagnostics[before...].contains { $0.severity == .error } ? nil : config
    }

    /// Every channel or campaign whose bounds are amounts (a minimum, maximum or pinned spend), as
    /// `channel` or `channel/campaign`: they are in the budget's currency and cannot follow another one.
    public var boundsInAmounts: [String] {
        var names: [String] = []
        for (channel, bounds) in channels.sorted(by: { $0.key < $1.key }) {
            if bounds.minimum != nil || bounds.maximum != nil || bounds.pinned != nil { names.append(channel) }
            for (campaign, campaignBounds) in bounds.campaigns.sorted(by: { $0.key < $1.key })
            where campaignBounds.minimum != nil || campaignBounds.maximum != nil || campaignBounds.pinned != nil {
                names.append("\(channel)/\(campaign)")
            }
        }
        return names
    }

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
                channels[name] = ChannelBounds.read(
                    channelNode, name: name, currency: currency, campaigns: true, diagnostics: &diagnostics)
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
