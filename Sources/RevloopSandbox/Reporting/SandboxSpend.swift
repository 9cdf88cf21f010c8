internal import Foundation
internal import RevloopCore

/// The spend the reporting emulators report: a few campaigns per channel, each with a daily budget that
/// varies from day to day by a hash of the day and campaign (deterministic: the same dates always give
/// the same rows). USD, in minor units.
enum SandboxSpend {
    struct Campaign {
        var id: String
        var name: String
        var dailyBudget: Int64
    }

    static let campaigns: [String: [Campaign]] = [
        "google": [
            Campaign(id: "1001", name: "Brand search", dailyBudget: 40_000),
            Campaign(id: "1002", name: "Non-brand search", dailyBudget: 90_000),
            Campaign(id: "1003", name: "Performance Max", dailyBudget: 60_000),
        ],
        "meta": [
            Campaign(id: "2001", name: "Prospecting", dailyBudget: 50_000),
            Campaign(id: "2002", name: "Retargeting", dailyBudget: 20_000),
        ],
        "linkedin": [
            Campaign(id: "3001", name: "ABM list", dailyBudget: 70_000),
            Campaign(id: "3002", name: "Job titles", dailyBudget: 30_000),
        ],
    ]

    /// A campaign's spend on a day: 80% to 120% of its budget.
    static func spend(_ campaign: Campaign, on day: CalendarDay) -> Int64 {
        let seed = Double(day.daysSinceEpoch) * 12.9898 + (Double(campaign.id) ?? 0) * 78.233
        let unit = (sin(seed) * 43_758.5453).truncatingRemainder(dividingBy: 1)
        return campaign.dailyBudget * Int64(80 + (abs(unit) * 40).rounded(.down)) / 100
    }

    /// Every day from `from` through `through`, at most 400.
    static func days(from: CalendarDay, through: CalendarDay) -> [CalendarDay] {
        guard from <= through else { return [] }
        let count = min(through.daysSinceEpoch - from.daysSinceEpoch + 1, 400)
        return (0..<count).map { from.adding(days: $0) }
    }
}
