internal import Foundation
internal import RevloopAllocator
internal import RevloopCore

/// `revloop allocate --format json`.
struct AllocationJSON: Encodable {
    struct Channel: Encodable {
        var name: String
        var current: String
        var recommended: String
        var binding: String?
        var expectedRevenue: [String: Double]
        var expectedRevenueAtCurrent: [String: Double]
        var marginalReturn: Double
        var campaigns: [Channel]?
        var probabilityBest: Double
        var periods: Int
        var regimeStart: Int

        enum CodingKeys: String, CodingKey {
            case name, current, recommended, binding, periods, campaigns
            case expectedRevenue = "expected_revenue"
            case expectedRevenueAtCurrent = "expected_revenue_at_current"
            case marginalReturn = "marginal_return"
            case probabilityBest = "p_best"
            case regimeStart = "regime_start"
        }
    }

    var currency: String
    var budget: String
    var periods: [String]
    var channels: [Channel]
    var totalAtCurrent: [String: Double]
    var totalAtRecommended: [String: Double]
    var warnings: [String]
    var seed: UInt64
    var draws: Int

    enum CodingKeys: String, CodingKey {
        case currency, budget, periods, channels, warnings, seed, draws
        case totalAtCurrent = "total_at_current"
        case totalAtRecommended = "total_at_recommended"
    }

    init(_ report: BudgetReport) {
        let scale = pow(10, Double(report.currency.minorUnitDigits))
        func interval(_ value: BudgetRecommendation.Interval) -> [String: Double] {
            [
                "p10": (value.low / scale).rounded(), "mean": (value.mean / scale).rounded(),
                "p90": (value.high / scale).rounded(),
            ]
        }
        currency = report.currency.code
        budget = report.money(report.recommendation.budget)
        periods = report.periods
        func entry(_ channel: BudgetRecommendation.Channel, campaigns: [Channel]?) -> Channel {
            Channel(
                name: channel.name, current: report.money(channel.current),
                recommended: report.money(channel.recommended), binding: channel.binding,
                expectedRevenue: interval(channel.expectedAtRecommended),
                expectedRevenueAtCurrent: interval(channel.expectedAtCurrent),
                marginalReturn: (channel.marginalReturn * 10_000).rounded() / 10_000, campaigns: campaigns,
                probabilityBest: (channel.probabilityBest * 1_000).rounded() / 1_000, periods: channel.periods,
                regimeStart: channel.regimeStart)
        }
        channels = report.recommendation.channels.map { channel in
            entry(channel, campaigns: report.campaigns[channel.name]?.channels.map { entry($0, campaigns: nil) })
        }
        totalAtCurrent = interval(report.recommendation.totalAtCurrent)
        totalAtRecommended = interval(report.recommendation.totalAtRecommended)
        warnings = report.warnings
        seed = report.seed
        draws = report.draws
    }
}
