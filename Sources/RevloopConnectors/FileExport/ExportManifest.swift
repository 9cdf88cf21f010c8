internal import Foundation

/// `manifest.json`: what an export is, when it was anchored, and (for generated samples) how it was made.
public struct ExportManifest: Codable, Sendable, Hashable {
    /// Always `revloop-crm-export`.
    public var format: String
    public var version: Int
    /// The day the export's timestamps are relative to ("now" when it was made).
    public var anchorDate: String
    /// The generator's seed, for a generated sample.
    public var seed: UInt64?
    public var deals: Int?
    public var contacts: Int?
    public var companies: Int?
    /// The true response curves the spend history was drawn from, so the allocator can be scored.
    public var spendResponse: [SpendResponseCurve]?

    enum CodingKeys: String, CodingKey {
        case format, version, seed, deals, contacts, companies
        case anchorDate = "anchor_date"
        case spendResponse = "spend_response"
    }

    public init(format: String, version: Int, anchorDate: String) {
        self.format = format
        self.version = version
        self.anchorDate = anchorDate
    }
}

/// A channel's true saturating (Hill) response: daily revenue = `maxDailyRevenue * s^shape / (s^shape + halfSaturationSpend^shape)`.
public struct SpendResponseCurve: Codable, Sendable, Hashable {
    public var channel: String
    /// Daily revenue the channel approaches as spend grows, in the export's currency.
    public var maxDailyRevenue: Double
    /// Daily spend at which half of `maxDailyRevenue` is reached.
    public var halfSaturationSpend: Double
    public var shape: Double

    enum CodingKeys: String, CodingKey {
        case channel, shape
        case maxDailyRevenue = "max_daily_revenue"
        case halfSaturationSpend = "half_saturation_spend"
    }

    /// Expected daily revenue at a daily spend.
    public func revenue(atDailySpend spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        let powered = Foundation.pow(spend, shape)
        return maxDailyRevenue * powered / (powered + Foundation.pow(halfSaturationSpend, shape))
    }
}
