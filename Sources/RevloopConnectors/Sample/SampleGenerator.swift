internal import Foundation
public import RevloopCore

/// Writes a realistic, deterministic B2B CRM export (the format of `ExportFormat`) for a seed.
///
/// It streams: companies first, then deal by deal, each deal with its new contacts and their click ids,
/// so a million deals need no more memory than one. Everything is relative to `anchor`, the day the
/// sample treats as today: every event happens before its midnight (UTC).
public struct SampleGenerator: Sendable {
    public var seed: UInt64
    public var dealCount: Int
    public var anchor: CalendarDay

    public init(seed: UInt64, dealCount: Int, anchor: CalendarDay) {
        self.seed = seed
        self.dealCount = dealCount
        self.anchor = anchor
    }

    /// Companies in the sample: one per three deals.
    public var companyCount: Int { max(1, dealCount / 3) }

    /// The pipelines every sample has: a sales pipeline with HubSpot's default stage ids and an
    /// enterprise pipeline with opaque numeric ids, each with its own won and lost stages.
    public static let pipelines: [Pipeline] = [
        Pipeline(
            id: "default", label: "Sales Pipeline",
            stages: [
                PipelineStage(
                    id: "appointmentscheduled", label: "Appointment scheduled", winProbability: 0.2, isClosed: false,
                    isWon: false),
                PipelineStage(
                    id: "qualifiedtobuy", label: "Qualified to buy", winProbability: 0.4, isClosed: false, isWon: false),
                PipelineStage(
                    id: "presentationscheduled", label: "Presentation scheduled", winProbability: 0.6, isClosed: false,
                    isWon: false),
                PipelineStage(
                    id: "decisionmakerboughtin", label: "Decision maker bought-in", winProbability: 0.8,
                    isClosed: false, isWon: false),
                PipelineStage(
                    id: "contractsent", label: "Contract sent", winProbability: 0.9, isClosed: false, isWon: false),
                PipelineStage(id: "closedwon", label: "Closed won", winProbability: 1.0, isClosed: true, isWon: true),
                PipelineStage(
                    id: "closedlost", label: "Closed lost", winProbability: 0.0, isClosed: true, isWon: false),
            ]),
        Pipeline(
            id: "enterprise", label: "Enterprise",
            stages: [
                PipelineStage(id: "1184101", label: "Discovery", winProbability: 0.1, isClosed: false, isWon: false),
                PipelineStage(id: "1184102", label: "Demo", winProbability: 0.3, isClosed: false, isWon: false),
                PipelineStage(id: "1184103", label: "Proposal", winProbability: 0.5, isClosed: false, isWon: false),
                PipelineStage(id: "1184104", label: "Negotiation", winProbability: 0.75, isClosed: false, isWon: false),
                PipelineStage(id: "1184105", label: "Won", winProbability: 1.0, isClosed: true, isWon: true),
                PipelineStage(id: "1184106", label: "Lost", winProbability: 0.0, isClosed: true, isWon: false),
            ]),
    ]

    /// The true daily response of each channel's revenue to its spend, recorded in the manifest.
    public static let spendResponse: [SpendResponseCurve] = [
        SpendResponseCurve(channel: "google", maxDailyRevenue: 42_000, halfSaturationSpend: 2_600, shape: 1.4),
        SpendResponseCurve(channel: "meta", maxDailyRevenue: 18_000, halfSaturationSpend: 1_500, shape: 1.1),
        SpendResponseCurve(channel: "linkedin", maxDailyRevenue: 36_000, halfSaturationSpend: 4_200, shape: 1.8),
    ]

    /// Writes the export into `directory` (created if needed), calling `progress` with deals written so far.
    @discardableResult
    public func write(to directory: String, progress: (Int) -> Void = { _ in }) throws -> ExportManifest {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SeededRandomNumberGenerator(seed: seed)
        let now = anchor.startInUTC
        try writePipelines(to: directory + "/" + ExportFormat.pipelines)

        let companies = try BufferedFileWriter(path: directory + "/" + ExportFormat.companies)
        try companies.write(ExportFormat.companyColumns.joined(separator: ",") + "\n")
        var companyRows = SampleRows(random: random, now: now)
        for index in 0..<companyCount { try companies.write(companyRows.company(index: index)) }
        try companies.close()
        random = companyRows.random

        let contacts = try BufferedFileWriter(path: directory + "/" + ExportFormat.contacts)
        let clicks = try BufferedFileWriter(path: directory + "/" + ExportFormat.clickIDs)
        let deals = try BufferedFileWriter(path: directory + "/" + ExportFormat.deals)
        let activities = try BufferedFileWriter(path: directory + "/" + ExportFormat.activities)
        try activities.write(ExportFormat.activityColumns.joined(separator: ",") + "\n")
        try contacts.write(ExportFormat.contactColumns.joined(separator: ",") + "\n")
        try clicks.write(ExportFormat.clickIDColumns.joined(separator: ",") + "\n")
        var rows = SampleRows(random: random, now: now)
        var contactTotal = 0
        for index in 0..<dealCount {
            let record = rows.deal(index: index, companyCount: companyCount, firstContact: contactTotal)
            contactTotal += record.contacts.count
            for contact in record.contacts { try contacts.write(contact) }
            for click in record.clicks { try clicks.write(click) }
            for activity in record.activities { try activities.write(activity) }
            try deals.write(record.deal)
            if index % 10_000 == 9_999 { progress(index + 1) }
        }
        progress(dealCount)
        try contacts.close()
        try clicks.close()
        try deals.close()
        try activities.close()
        random = rows.random

        try writeSpend(to: directory + "/" + ExportFormat.spend, random: &random)
        var manifest = ExportManifest(format: "revloop-crm-export", version: 1, anchorDate: anchor.description)
        manifest.seed = seed
        manifest.deals = dealCount
        manifest.contacts = contactTotal
        manifest.companies = companyCount
        manifest.spendResponse = Self.spendResponse
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: directory + "/" + ExportFormat.manifest))
        return manifest
    }

    /// Generates the sample's deals in memory, in the order and with the rows `write` writes (the same
    /// bytes for a seed), without touching the disk: the CRM emulators serve their datasets from these.
    public func forEachDeal(_ body: (SampleDealRows) throws -> Void) rethrows {
        var random = SeededRandomNumberGenerator(seed: seed)
        let now = anchor.startInUTC
        // The companies come first in `write` and draw from the same generator: drawn here too, so the deals
        // that follow are the ones the export holds.
        var companyRows = SampleRows(random: random, now: now)
        for index in 0..<companyCount { _ = companyRows.company(index: index) }
        random = companyRows.random
        var rows = SampleRows(random: random, now: now)
        var contactTotal = 0
        for index in 0..<dealCount {
            let record = rows.deal(index: index, companyCount: companyCount, firstContact: contactTotal)
            contactTotal += record.contacts.count
            try body(
                SampleDealRows(
                    deal: record.deal, contacts: record.contacts, clicks: record.clicks, activities: record.activities))
        }
    }

    private func writePipelines(to path: String) throws {
        let pipelines = Self.pipelines.map { pipeline in
            ExportPipeline(
                id: pipeline.id.rawValue, label: pipeline.label,
                stages: pipeline.stages.map {
                    ExportPipeline.Stage(
                        id: $0.id.rawValue, label: $0.label, probability: $0.winProbability, isClosed: $0.isClosed,
                        isWon: $0.isWon)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(pipelines).write(to: URL(fileURLWithPath: path))
    }

    /// 26 weeks of daily spend per campaign, with budget steps every four weeks so the response is identifiable.
    private func writeSpend(to path: String, random: inout SeededRandomNumberGenerator) throws {
        let writer = try BufferedFileWriter(path: path)
        try writer.write((ExportFormat.spendColumns + ["revenue"]).joined(separator: ",") + "\n")
        let campaigns: [(channel: String, names: [String], baseDaily: Double, cpc: Double)] = [
            ("google", ["brand-search", "nonbrand-search", "performance-max"], 900, 4.2),
            ("meta", ["prospecting", "retargeting"], 700, 1.9),
            ("linkedin", ["abm-enterprise", "lead-gen-forms"], 1_400, 9.5),
        ]
        let days = 26 * 7
        var budgetLevel = campaigns.map { _ in 1.0 }
        for offset in stride(from: days, to: 0, by: -1) {
            let day = anchor.adding(days: Int64(-offset))
            let dayIndex = days - offset
            if dayIndex % 28 == 0 {
                for index in budgetLevel.indices {
                    budgetLevel[index] = 0.4 + Double.random(in: 0...1.4, using: &random)
                }
            }
            let weekday = Double(day.daysSinceEpoch % 7)
            for (channelIndex, channel) in campaigns.enumerated() {
                var spends: [Double] = []
                for _ in channel.names {
                    let seasonal = 1 + 0.25 * Foundation.sin(weekday / 7 * 2 * Double.pi)
                    let noise = Double.random(in: 0.8...1.2, using: &random)
                    spends.append(
                        channel.baseDaily * budgetLevel[channelIndex] * seasonal * noise / Double(channel.names.count))
                }
                let total = spends.reduce(0, +)
                let curve = Self.spendResponse[channelIndex]
                let revenue = curve.revenue(atDailySpend: total) * Double.random(in: 0.7...1.3, using: &random)
                for (name, spend) in zip(channel.names, spends) {
                    let cents = Int64((spend * 100).rounded())
                    let clicks = Int(spend / channel.cpc)
                    let impressions = clicks * Int.random(in: 40...90, using: &random)
                    let share = total > 0 ? spend / total : 0
                    let revenueCents = Int64((revenue * share * 100).rounded())
                    let spendMoney = Money(minorUnits: cents, currency: .usd)
                    let revenueMoney = Money(minorUnits: revenueCents, currency: .usd)
                    try writer.write(
                        "\(day),\(channel.channel),\(name),\(spendMoney.decimalString),USD,\(impressions),\(clicks),\(revenueMoney.decimalString)\n"
                    )
                }
            }
        }
        try writer.close()
    }
}
