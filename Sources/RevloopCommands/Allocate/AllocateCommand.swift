internal import ArgumentParser
internal import Foundation
internal import RevloopAllocator
internal import RevloopConnectors
internal import RevloopCore
internal import RevloopStore

/// `revloop allocate`: next period's budget split across channels, and the reallocation report.
struct AllocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Recommend next period's budget split across channels and write the reallocation report.",
        discussion: """
            Fits each channel's response curve (revenue against spend, with diminishing returns) to its history, \
            draws from the fit's uncertainty (Thompson sampling) and solves the best split for each draw within the \
            bounds of revloop.yaml's 'allocator' section; the recommendation is the average of those splits, with \
            expected revenue and 80% intervals at the current and the recommended split, each channel's marginal \
            return, and the probability that it is the best place for the next dollar.

            History: --history FILE.csv with columns period,channel,campaign,spend,pipeline,revenue (revenue when \
            given, else pipeline; campaigns are summed per channel), or, by default, the first file connector's \
            spend.csv (daily rows, grouped into periods of allocator.period_days ending on its last day).

            Examples:
              revloop allocate
              revloop allocate --format html --out report.html
              revloop allocate --history spend.csv --budget 75000.00 --format json
            """)

    @OptionGroup var project: ProjectOptions

    @Option(
        help: "History CSV (period,channel,campaign,spend,pipeline,revenue); default: the sample export's spend.csv.")
    var history: String?

    @Option(
        name: .customLong("spend"),
        help: ArgumentHelp(
            "Where spend comes from: file (--history or the sample's spend.csv) or store (what `revloop spend pull` read from the platforms).",
            valueName: "file|store"))
    var spendSource = "file"

    @Option(help: "Next period's budget, a decimal amount (default: allocator.budget).")
    var budget: String?

    @Option(help: "Seed of the posterior draws (the same seed gives the same report).")
    var seed: UInt64 = 1

    @Option(help: "Posterior draws for the recommendation and its intervals.")
    var draws = 1_000

    @Option(
        help: ArgumentHelp(
            "Where outcomes come from: file (the history's own revenue column) or crm (deals in the store, credited to the channel of their contact's last click before the deal opened).",
            valueName: "file|crm"))
    var outcomes = "file"

    @Option(
        help: ArgumentHelp(
            "With --outcomes crm, what to optimize: cohort (each period's deals by the day they opened: won at their amount, open at amount x the win rate of decided deals), revenue (won deals, by the day won) or pipeline (deals opened, at their opening amount).",
            valueName: "cohort|revenue|pipeline"))
    var outcome = "cohort"

    @Option(help: "Output: table, json, csv, markdown or html.")
    var format: AllocateFormat = .table

    @Option(help: "Write the output to this file instead of stdout (the usual way for html).")
    var out: String?

    func run() async throws {
        let output = Output(progress: false, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        guard let allocator = config.allocator else {
            output.error(
                "\(config.sourcePath): error: no 'allocator' section; add one with budget, currency and channel bounds")
            throw ExitStatus.configInvalid
        }
        let currency = allocator.budget.currency
        var budgetMinor = allocator.budget.minorUnits
        if let budget {
            guard let parsed = Money(decimal: budget, currency: currency), parsed.minorUnits > 0 else {
                throw ValidationError("--budget must be a positive decimal amount such as 50000.00")
            }
            budgetMinor = parsed.minorUnits
        }
        let (path, text): (String, String)
        switch spendSource {
        case "file": (path, text) = try historyText(connectors: loaded.connectors, output: output)
        case "store":
            (path, text) = try await storeSpendText(
                config: config, currency: currency, rates: loaded.exchangeRates, output: output)
        default: throw ValidationError("--spend is file or store")
        }
        var diagnostics: [Diagnostic] = []
        var outcomeSource: String?
        var spend = SpendHistory.parse(
            csv: text, path: path, currency: currency, periodDays: allocator.periodDays, diagnostics: &diagnostics)
        switch outcomes {
        case "file": break
        case "crm":
            guard ["cohort", "revenue", "pipeline"].contains(outcome) else {
                throw ValidationError("--outcome is cohort, revenue or pipeline")
            }
            guard spend.lastDay != nil else {
                throw ValidationError(
                    "--outcomes crm needs a daily spend file (a 'date' column) to place deals in periods")
            }
            let attribution = try await attribute(
                config: config, connectors: loaded.connectors, rates: loaded.exchangeRates, currency: currency,
                spend: spend, output: output)
            output.error(
                "allocate: \(attribution.attributed) deals credited to a channel (\(attribution.widened) through another contact or the same person's other records), \(attribution.unattributed) with no click before they opened"
                    + (attribution.unconverted > 0
                        ? ", \(attribution.unconverted) amounts without an exchange rate" : ""))
            switch outcome {
            case "pipeline":
                spend = spend.replacingOutcomes(with: attribution.pipeline)
                outcomeSource =
                    "Outcomes are the CRM's deals at their opening amount, credited to the channel of the last click before each opened and to the period it opened in (pipeline, not revenue)."
            case "revenue":
                spend = spend.replacingOutcomes(with: attribution.revenue)
                outcomeSource =
                    "Outcomes are the CRM's won deals at their amount, credited to the channel of the last click before each opened and to the period it was won in (so recent spend shows no revenue yet)."
            default:
                spend = spend.replacingOutcomes(with: attribution.cohortValue)
                outcomeSource =
                    "Outcomes are the CRM's deals credited to the channel of the last click before each opened and to the period it opened in: won deals at their amount, lost ones at nothing, open ones at their amount x the \(Int((attribution.winRate * 100).rounded()))% value-weighted win rate of decided deals (\(Int((attribution.expectedShare * 100).rounded()))% of the total is such an expectation, most of it in recent periods)."
            }
        default:
            throw ValidationError("--outcomes is file or crm")
        }
        for diagnostic in diagnostics.prefix(20) { output.diagnostic(diagnostic) }
        let configured = allocator.channels.keys.sorted()
        let names = configured.isEmpty ? spend.channels : configured.filter { spend.channels.contains($0) }
        for missing in configured where !spend.channels.contains(missing) {
            output.error("warning: channel '\(missing)' is in revloop.yaml but has no history in \(path); left out")
        }
        guard !names.isEmpty, !spend.periods.isEmpty else {
            output.error("\(path): error: no channel has history to fit")
            throw ExitStatus.runFailed
        }
        let histories = names.map { spend.outcomes[spend.channels.firstIndex(of: $0) ?? 0] }
        // The current split: the last period's shares, applied to the budget, so both splits spend the same.
        let current = Self.lastShares(of: histories, budget: budgetMinor)
        let bounds: AllocationBounds
        do {
            bounds = try Self.bounds(names: names, budget: budgetMinor, current: current, allocator: allocator)
        } catch {
            output.error("\(config.sourcePath): error: the allocator's bounds cannot be met: \(error)")
            throw ExitStatus.configInvalid
        }
        let recommendation = BudgetRecommendation(
            names: names, history: histories, current: current, budget: budgetMinor, bounds: bounds,
            draws: max(draws, 1), seed: seed, holdoutShare: allocator.holdoutShare)
        // What the same run recommended a period ago (the history then, the split then): what changed.
        var previous: BudgetRecommendation?
        if spend.periods.count >= 3 {
            let earlier = histories.map { Array($0.dropLast()) }
            let earlierCurrent = Self.lastShares(of: earlier, budget: budgetMinor)
            if let earlierBounds = try? Self.bounds(
                names: names, budget: budgetMinor, current: earlierCurrent, allocator: allocator)
            {
                previous = BudgetRecommendation(
                    names: names, history: earlier, current: earlierCurrent, budget: budgetMinor, bounds: earlierBounds,
                    draws: max(draws, 1), seed: seed, holdoutShare: allocator.holdoutShare)
            }
        }
        var report = BudgetReport(
            recommendation: recommendation, currency: currency, periods: spend.periods, seed: seed, draws: max(draws, 1)
        )
        if let outcomeSource { report.outcomeSource = outcomeSource }
        report.previous = previous
        let (campaignSplits, campaignProblems) = Self.campaignSplits(
            recommendation, spend: spend, allocator: allocator, draws: max(draws, 1), seed: seed)
        report.campaigns = campaignSplits
        for problem in campaignProblems { output.error("warning: \(problem)") }
        let rendered: String
        switch format {
        case .table: rendered = report.table
        case .csv: rendered = report.csv
        case .markdown: rendered = report.markdown
        case .html: rendered = report.html
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            rendered = String(decoding: try encoder.encode(AllocationJSON(report)), as: UTF8.self)
        }
        if let out {
            do {
                try rendered.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                output.error("error: cannot write \(out): \(error.localizedDescription)")
                throw ExitStatus.runFailed
            }
            output.error("allocate: wrote \(out)")
        } else {
            output.result(rendered)
        }
    }

    /// CRM outcomes credited to channels, from the store's deals and their primary contacts' clicks.
    private func attribute(
        config: ProjectConfig, connectors: [ConnectorConfig], rates: ExchangeRateTable, currency: CurrencyCode,
        spend: SpendHistory, output: Output
    ) async throws -> OutcomeAttribution {
        guard FileManager.default.fileExists(atPath: config.storePath) else {
            throw ValidationError("--outcomes crm reads the store, and there is none yet: run `revloop pull` first")
        }
        let store = try project.openStore(config, output: output)
        var deals: [Deal] = []
        var clicks: [ContactID: [ClickID]] = [:]
        var samePerson: [ContactID: [ContactID]] = [:]
        var pipelines: [PipelineID: Pipeline] = [:]
        do {
            for connector in connectors {
                for pipeline in try await store.pipelines(connector: connector.name) {
                    pipelines[pipeline.id] = pipeline
                }
                var after: DealID?
                while true {
                    let page = try await store.deals(connector: connector.name, after: after, limit: 5_000)
                    guard let last = page.last else { break }
                    after = last.id
                    let contacts = Array(Set(page.flatMap(\.contactIDs)))
                    let widened = try await Self.samePerson(contacts, connector: connector.name, store: store)
                    samePerson.merge(widened) { first, _ in first }
                    let all = Array(Set(contacts + widened.values.joined()))
                    clicks.merge(try await store.clickIDs(connector: connector.name, contacts: all)) { a, _ in a }
                    deals += page
                }
            }
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        return OutcomeAttribution(
            deals: deals, clicks: clicks, samePerson: samePerson, pipelines: pipelines, currency: currency,
            rates: rates, period: { spend.period(of: $0) })
    }

    /// For each contact, the other records of the same connector that the identity graph puts in its
    /// person (`revloop pull` keeps the graph current).
    static func samePerson(_ contacts: [ContactID], connector: ConnectorName, store: SQLiteStore) async throws
        -> [ContactID: [ContactID]]
    {
        let prefix = "crm:\(connector.rawValue):"
        let records = contacts.map { IdentityLink.contactSource(connector: connector, contact: $0) }
        let personOf = try await store.persons(of: records)
        let persons = Array(Set(personOf.values))
        guard !persons.isEmpty else { return [:] }
        let members = try await store.identifiers(inPersons: persons).filter { $0.hasPrefix(prefix) }
        let membersByPerson = Dictionary(
            grouping: try await store.persons(of: members).map { ($0.value, $0.key) }, by: \.0
        ).mapValues { $0.map(\.1) }
        var result: [ContactID: [ContactID]] = [:]
        for (record, person) in personOf {
            let others = (membersByPerson[person] ?? []).filter { $0 != record }
            guard !others.isEmpty else { continue }
            result[ContactID(String(record.dropFirst(prefix.count)))] = others.map {
                ContactID(String($0.dropFirst(prefix.count)))
            }
        }
        return result
    }

    /// Within each channel with several campaigns, the channel's recommended amount split across them the
    /// same way: within each campaign's bounds from revloop.yaml (shares of the channel's amount, amounts,
    /// pinned), the exploration floor and the change limit as for channels (without the change limit when it
    /// cannot be met inside the channel's new amount). A channel whose campaign bounds cannot be met at all
    /// is not split, and `problems` says why.
    static func campaignSplits(
        _ recommendation: BudgetRecommendation, spend: SpendHistory, allocator: AllocatorConfig, draws: Int,
        seed: UInt64
    ) -> (splits: [String: BudgetRecommendation], problems: [String]) {
        var splits: [String: BudgetRecommendation] = [:]
        var problems: [String] = []
        for (position, channel) in recommendation.channels.enumerated() {
            guard let campaigns = spend.campaigns[channel.name], campaigns.count > 1 else { continue }
            let names = campaigns.map { $0.name.isEmpty ? "(no campaign)" : $0.name }
            let configured = allocator.channels[channel.name]?.campaigns ?? [:]
            let shares = campaigns.map {
                configured[$0.name]?.shares(of: channel.recommended) ?? (minimum: 0, maximum: 1)
            }
            let pinned = campaigns.map { configured[$0.name]?.pinned?.minorUnits }
            let series = campaigns.map(\.outcomes)
            let current = lastShares(of: series, budget: channel.recommended)
            let limited = try? AllocationBounds(
                budget: channel.recommended, names: names, minimumShare: shares.map(\.minimum),
                maximumShare: shares.map(\.maximum), explorationFloor: allocator.explorationFloor, previous: current,
                maximumChange: allocator.maximumChange, pinned: pinned)
            let bounds: AllocationBounds
            do {
                bounds =
                    try limited
                    ?? AllocationBounds(
                        budget: channel.recommended, names: names, minimumShare: shares.map(\.minimum),
                        maximumShare: shares.map(\.maximum), pinned: pinned)
            } catch let infeasible as AllocationBounds.Infeasible {
                problems.append("\(channel.name): its campaigns are not split: \(infeasible.description)")
                continue
            } catch {
                problems.append("\(channel.name): its campaigns are not split: \(error)")
                continue
            }
            splits[channel.name] = BudgetRecommendation(
                names: names, history: series, current: current, budget: channel.recommended, bounds: bounds,
                draws: draws, seed: seed &+ UInt64(position + 1))
        }
        return (splits, problems)
    }

    /// `budget` split in the shares of the last period's spend (evenly when nothing was spent), in whole
    /// minor units summing exactly to it.
    static func lastShares(of histories: [[PeriodOutcome]], budget: Int64) -> [Int64] {
        let last = histories.map { $0.last?.spend ?? 0 }
        let total = last.reduce(0, +)
        let shares = total > 0 ? last.map { $0 / total } : last.map { _ in 1 / Double(last.count) }
        return ThompsonAllocator.rounded(
            shares.map { $0 * Double(budget) }, budget: budget, bounds: last.map { _ in 0...budget })
    }

    /// The channels' bounds from revloop.yaml's allocator section, around `current`.
    static func bounds(names: [String], budget: Int64, current: [Int64], allocator: AllocatorConfig)
        throws(AllocationBounds.Infeasible) -> AllocationBounds
    {
        try AllocationBounds(
            budget: budget, names: names,
            minimumShare: names.map { allocator.channels[$0]?.shares(of: budget).minimum ?? 0 },
            maximumShare: names.map { allocator.channels[$0]?.shares(of: budget).maximum ?? 1 },
            explorationFloor: allocator.explorationFloor, previous: current, maximumChange: allocator.maximumChange,
            pinned: names.map { allocator.channels[$0]?.pinned?.minorUnits })
    }

    /// The store's spend (`revloop spend pull`) as a daily spend file, converted into `currency` at the
    /// rates of each day.
    private func storeSpendText(
        config: ProjectConfig, currency: CurrencyCode, rates: ExchangeRateTable, output: Output
    ) async throws -> (String, String) {
        let store = try project.openStore(config, output: output)
        let rows = try await store.spend(from: nil, through: nil)
        guard !rows.isEmpty else {
            throw ValidationError("--spend store: the store holds no spend yet; run `revloop spend pull` first")
        }
        var lines = [SpendRow.csvHeader]
        for var row in rows {
            if row.spend.currency != currency {
                guard let converted = rates.convert(row.spend, to: currency, on: row.day) else {
                    output.error(
                        "error: no exchange rate from \(row.spend.currency.code) to \(currency.code) on \(row.day) for \(row.channel) spend; add it to the fx_rates table"
                    )
                    throw ExitStatus.runFailed
                }
                row.spend = converted.converted
            }
            lines.append(row.csvLine)
        }
        return ("the store's spend", lines.joined(separator: "\n") + "\n")
    }

    /// The history CSV's path and text: --history, else the first file connector's spend.csv.
    private func historyText(connectors: [ConnectorConfig], output: Output) throws -> (String, String) {
        var path = history
        if path == nil, let directory = connectors.first(where: { $0.kind == .file })?.exportDirectory {
            path = directory + "/" + ExportFormat.spend
        }
        guard let path else {
            throw ValidationError("no history: pass --history FILE.csv (no file connector has a spend.csv)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            output.error("error: cannot read the history file \(path)")
            throw ExitStatus.runFailed
        }
        return (path, text)
    }
}
