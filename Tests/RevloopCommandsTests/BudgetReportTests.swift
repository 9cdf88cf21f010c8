import Foundation
import RevloopAllocator
import RevloopCore
import Testing

@testable import RevloopCommands

@Suite struct BudgetReportTests {
    /// The bundled sample's 26 weeks of spend, as `revloop allocate` reads them.
    static func sampleReport(
        campaignBounds: [String: AllocatorConfig.ChannelBounds] = [:], problems: inout [String]
    ) throws -> BudgetReport {
        let text = try String(contentsOfFile: RepositoryFiles.root + "/connectors/sample/spend.csv", encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let history = SpendHistory.parse(
            csv: text, path: "spend.csv", currency: .usd, periodDays: 7, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(history.periods.count == 26 && history.channels == ["google", "linkedin", "meta"])
        let bounds = try AllocationBounds(
            budget: 1_500_000, names: history.channels, minimumShare: [0.2, 0.1, 0.1], maximumShare: [0.6, 0.5, 0.4])
        let recommendation = BudgetRecommendation(
            names: history.channels, history: history.outcomes, current: [500_000, 500_000, 500_000], budget: 1_500_000,
            bounds: bounds, draws: 200, seed: 1)
        var report = BudgetReport(
            recommendation: recommendation, currency: .usd, periods: history.periods, seed: 1, draws: 200)
        var allocator = AllocatorConfig(
            periodDays: 7, budget: Money(minorUnits: 1_500_000, currency: .usd), channels: [:])
        allocator.explorationFloor = 0.05
        allocator.maximumChange = 0.5
        var google = AllocatorConfig.ChannelBounds()
        google.campaigns = campaignBounds
        allocator.channels["google"] = google
        let (splits, found) = AllocateCommand.campaignSplits(
            recommendation, spend: history, allocator: allocator, draws: 200, seed: 1)
        problems = found
        report.campaigns = splits
        return report
    }

    static func sampleReport() throws -> BudgetReport {
        var problems: [String] = []
        let report = try sampleReport(problems: &problems)
        #expect(problems.isEmpty)
        return report
    }

    @Test func theHTMLReportIsSelfContained() throws {
        let html = try Self.sampleReport().html
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href="))
        // Only the SVG namespace mentions a URL; nothing is fetched.
        #expect(html.components(separatedBy: "http").count - 1 == 3)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        for channel in ["google", "linkedin", "meta"] { #expect(html.contains(channel)) }
    }

    @Test func eachChannelsAmountIsSplitAcrossItsCampaigns() throws {
        let report = try Self.sampleReport()
        #expect(report.campaigns.keys.sorted() == ["google", "linkedin", "meta"])
        for channel in report.recommendation.channels {
            let split = try #require(report.campaigns[channel.name])
            #expect(split.channels.map(\.recommended).reduce(0, +) == channel.recommended)
        }
        #expect(
            report.campaigns["google"]?.channels.map(\.name) == ["brand-search", "nonbrand-search", "performance-max"])
        #expect(report.markdown.contains("## Campaigns within google"))
        #expect(report.html.contains("Campaigns within meta"))
    }

    @Test func campaignBoundsHoldWithinTheirChannelAndImpossibleOnesAreNamed() throws {
        var pinnedBrand = AllocatorConfig.ChannelBounds()
        pinnedBrand.pinned = Money(minorUnits: 100_000, currency: .usd)
        var cappedMax = AllocatorConfig.ChannelBounds(maximumShare: 0.3)
        cappedMax.maximum = Money(minorUnits: 150_000, currency: .usd)
        var problems: [String] = []
        let report = try Self.sampleReport(
            campaignBounds: ["brand-search": pinnedBrand, "performance-max": cappedMax], problems: &problems)
        #expect(problems.isEmpty)
        let google = try #require(report.recommendation.channels.first { $0.name == "google" })
        let split = try #require(report.campaigns["google"])
        let amounts = Dictionary(uniqueKeysWithValues: split.channels.map { ($0.name, $0.recommended) })
        #expect(amounts["brand-search"] == 100_000)
        #expect((amounts["performance-max"] ?? .max) <= min(150_000, google.recommended * 3 / 10))
        #expect(amounts.values.reduce(0, +) == google.recommended)

        // Minimums above the channel's amount: the channel is left unsplit, and the warning names them.
        var large = AllocatorConfig.ChannelBounds()
        large.minimum = Money(minorUnits: 10_000_000, currency: .usd)
        let impossible = try Self.sampleReport(campaignBounds: ["brand-search": large], problems: &problems)
        #expect(impossible.campaigns["google"] == nil && impossible.campaigns["meta"] != nil)
        #expect(problems.count == 1 && problems[0].hasPrefix("google: its campaigns are not split: brand-search"))
    }

    @Test func aCampaignCreditedNoOutcomeIsHeldAtItsShareAndShownWithoutACurve() throws {
        let text = try String(contentsOfFile: RepositoryFiles.root + "/connectors/sample/spend.csv", encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let history = SpendHistory.parse(
            csv: text, path: "spend.csv", currency: .usd, periodDays: 7, diagnostics: &diagnostics)
        // Outcomes credited to every campaign but google's performance-max, and one period of retargeting's.
        var credited: [String: [String: [String: Int64]]] = [:]
        for (channel, campaigns) in history.campaigns {
            for campaign in campaigns where campaign.name != "performance-max" {
                for (index, (period, outcome)) in zip(history.periods, campaign.outcomes).enumerated()
                where campaign.name != "retargeting" || index == 3 {
                    credited[channel, default: [:]][campaign.name, default: [:]][period] = Int64(outcome.revenue)
                }
            }
        }
        let replaced = history.replacingOutcomes(
            with: OutcomeAttribution.channelTotals(credited), campaignOutcomes: credited)
        let allocator = AllocatorConfig(
            periodDays: 7, budget: Money(minorUnits: 1_500_000, currency: .usd), channels: [:])
        #expect(
            AllocateCommand.heldCampaigns(spend: replaced, allocator: allocator) == [
                "google": ["performance-max"], "meta": ["retargeting"],
            ])
        let recommendation = BudgetRecommendation(
            names: replaced.channels, history: replaced.outcomes, current: [500_000, 500_000, 500_000],
            budget: 1_500_000,
            bounds: try AllocationBounds(
                budget: 1_500_000, names: replaced.channels, minimumShare: [0.1, 0.1, 0.1],
                maximumShare: [0.8, 0.8, 0.8]), draws: 100,
            seed: 1)
        let (splits, problems) = AllocateCommand.campaignSplits(
            recommendation, spend: replaced, allocator: allocator, draws: 100, seed: 1)
        let google = try #require(splits["google"])
        let held = try #require(google.channels.first { $0.name == "performance-max" })
        #expect(held.recommended == held.current)
        #expect(google.channels.map(\.recommended).reduce(0, +) == recommendation.channels[0].recommended)
        #expect(problems.contains { $0.hasPrefix("google: performance-max kept at their current share") })
        var report = BudgetReport(
            recommendation: recommendation, currency: .usd, periods: replaced.periods, seed: 1, draws: 100)
        report.campaigns = splits
        report.heldCampaigns = AllocateCommand.heldCampaigns(spend: replaced, allocator: allocator)
        #expect(report.table.contains("held: no outcomes"))
    }

    @Test func theReportSaysWhatChangedAndWhatIsHeldOut() throws {
        var report = try Self.sampleReport()
        report.previous = report.recommendation
        #expect(report.changes.count == 3)
        #expect(report.changes.allSatisfy { $0.contains("a period ago") && $0.hasSuffix("(+0.00)") })
        #expect(report.holdout.hasPrefix("Holdout: none"))
        #expect(report.markdown.contains("## Since last period"))
    }

    @Test func everyFormatCarriesTheSplitThatSumsToTheBudget() throws {
        let report = try Self.sampleReport()
        #expect(report.recommendation.channels.map(\.recommended).reduce(0, +) == 1_500_000)
        let csvLines = report.csv.split(separator: "\n")
        #expect(csvLines.count == 4)
        #expect(report.markdown.contains("| google |"))
        #expect(report.table.contains("Expected revenue next period"))
        let json = try JSONEncoder().encode(AllocationJSON(report))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((object["channels"] as? [Any])?.count == 3)
    }
}
