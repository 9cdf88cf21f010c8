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
              revloop allocate --history weeks.csv --budget 60000.00 --currency EUR --constraints bounds.yaml
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

    @Option(
        help: ArgumentHelp(
            "ISO 4217 currency of --budget and of the history's amounts (default: allocator.currency). Another currency than the constraints' needs --budget, and bounds given as shares.",
            valueName: "CODE"))
    var currency: String?

    @Option(
        help: ArgumentHelp(
            "A YAML file of constraints with the keys of revloop.yaml's allocator section (budget, currency, period_days, channels with min_share/max_share or amounts, pinned, campaigns, max_change, exploration_floor, holdout_share); it replaces that section.",
            valueName: "FILE.yaml"))
    var constraints: String?

    @Option(help: "Seed of the posterior draws (the same seed gives the same report).")
    var seed: UInt64 = 1

    @Option(help: "Posterior draws for the recommendation and its intervals.")
    var draws = 1_000

    @Option(
        help: ArgumentHelp(
            "Where outcomes come from: file (the history's own revenue column), ledger (the values the platforms were last sent and accepted, per deal credited to the channel and campaign of its contact's last click before it opened; deals the ledger holds nothing of valued from the CRM) or crm (the same deals valued from the CRM). Default: file with --spend file, ledger with --spend store.",
            valueName: "file|ledger|crm"))
    var outcomes: String?

    @Option(
        help: ArgumentHelp(
            "With --outcomes ledger or crm, what to optimize: cohort (each period's deals by the day they opened: won at their amount, open at their delivered pipeline value or amount x the win rate of decided deals), revenue (won deals, by the day won) or pipeline (deals opened, at their opening amount).",
            valueName: "cohort|revenue|pipeline"))
    var outcome = "cohort"

    @Option(help: "Output: table, json, csv, markdown or html.")
    var format: AllocateFormat = .table

    @Option(help: "Write the output to this file instead of stdout (the usual way for html).")
    var out: String?

    /// The constraints: `--constraints FILE.yaml`, else revloop.yaml's `allocator` section, else (with
    /// `--budget` and `--currency`) no bounds at all; then `--budget` and `--currency` applied.
    func allocatorConstraints(config: ProjectConfig, output: Output) throws -> AllocatorConfig {
        var allocator: AllocatorConfig
        if let constraints {
            var diagnostics: [Diagnostic] = []
            let document = ConfigDocument.load(
                url: URL(fileURLWithPath: constraints), path: constraints, diagnostics: &diagnostics)
            let read = AllocatorConfig.read(constraints: document, diagnostics: &diagnostics)
            for diagnostic in diagnostics { output.diagnostic(diagnostic) }
            guard let read else { throw ExitStatus.configInvalid }
            allocator = read
        } else if let configured = config.allocator {
            allocator = configured
        } else if let budget, let currency, let code = CurrencyCode(currency),
            let amount = Money(decimal: budget, currency: code)
        {
            allocator = AllocatorConfig(periodDays: 7, budget: amount, channels: [:])
        } else {
            output.error(
                "\(config.sourcePath): error: no 'allocator' section; add one with budget, currency and channel "
                    + "bounds, or pass --constraints FILE.yaml, or --budget with --currency")
            throw ExitStatus.configInvalid
        }
        var code = allocator.budget.currency
        if let currency {
            guard let given = CurrencyCode(currency) else {
                throw ValidationError("--currency must be an ISO 4217 code such as USD or EUR, not '\(currency)'")
            }
            if given != code {
                let source = constraints ?? "\(config.sourcePath) (allocator)"
                guard budget != nil else {
                    throw ValidationError(
                        "--currency \(given) differs from \(source)'s \(code): give --budget in \(given) too")
                }
                let amounts = allocator.boundsInAmounts
                guard amounts.isEmpty else {
                    throw ValidationError(
                        "--currency \(given) differs from \(source)'s \(code), whose bounds for "
                            + "\(amounts.joined(separator: ", ")) are amounts in \(code): give them as shares "
                            + "(min_share, max_share) or drop --currency")
                }
                code = given
            }
        }
        if let budget {
            guard let parsed = Money(decimal: budget, currency: code), parsed.minorUnits > 0 else {
                throw ValidationError("--budget must be a positive decimal amount such as 50000.00")
            }
            allocator.budget = parsed
        }
        return allocator
    }

    func run() async throws {
        let output = Output(progress: false, diagnosticLimit: 20)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let allocator = try allocatorConstraints(config: config, output: output)
        let currency = allocator.budget.currency
        let budgetMinor = allocator.budget.minorUnits
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
        var attributionWarnings: [String] = []
        // Spend from the platforms carries no outcomes, so the store's spend defaults to the ledger's: the
        // values the bidders were taught, restatements and retractions applied.
        let outcomeOrigin = outcomes ?? (spendSource == "store" ? "ledger" : "file")
        switch outcomeOrigin {
        case "file": break
        case "crm", "ledger":
            let fromLedger = outcomeOrigin == "ledger"
            guard ["cohort", "revenue", "pipeline"].contains(outcome) else {
                throw ValidationError("--outcome is cohort, revenue or pipeline")
            }
            guard spend.lastDay != nil else {
                throw ValidationError(
                    "--outcomes \(outcomeOrigin) needs a daily spend file (a 'date' column) to place deals in periods")
            }
            // revloop.yaml may name a campaign by its id or its name in any spelling (a LinkedIn campaign
            // by its number rather than its URN): each configured campaign is first found on the spend side.
            let named = CampaignMatcher(campaigns: spend.spendCampaigns)
            var aliases: [String: [String: [String]]] = [:]
            for (channel, bounds) in allocator.channels {
                // A configured campaign this spend does not have aliases nothing (it would hide the name match).
                for (campaign, configured) in bounds.campaigns where !configured.matches.isEmpty {
                    guard let spent = named.spendCampaign(channel: channel, campaign: campaign) else { continue }
                    aliases[channel, default: [:]][spent, default: []] += configured.matches
                }
            }
            let matcher = CampaignMatcher(campaigns: spend.spendCampaigns, aliases: aliases)
            let attribution = try await attribute(
                config: config, connectors: loaded.connectors, rates: loaded.exchangeRates, currency: currency,
                spend: spend, campaigns: matcher, fromLedger: fromLedger, output: output)
            output.error(
                "allocate: \(attribution.attributed) deals credited to a channel (\(attribution.widened) through another contact or the same person's other records), \(attribution.unattributed) with no click before they opened; campaigns: \(attribution.campaignFromVisit) from the visit at the click, \(attribution.campaignFromFormFill) from the form fill after it, \(attribution.campaignFromContact) from the contact, \(attribution.campaignUnknown) unknown"
                    + (fromLedger
                        ? "; valued from the ledger: \(attribution.ledgerValued), from the CRM for want of a delivered value: \(attribution.crmFallback)"
                        : "")
                    + (attribution.unconverted > 0
                        ? ", \(attribution.unconverted) amounts without an exchange rate" : ""))
            let table: [String: [String: [String: Int64]]]
            let valued =
                fromLedger
                ? "valued at what the platforms were last sent and accepted (restatements applied, retractions at nothing; a deal the ledger holds nothing of at its CRM value)"
                : "valued from the CRM"
            let credited =
                "credited to the channel of the last click before each opened and to the campaign of the visit that carried it"
            switch outcome {
            case "pipeline":
                table = attribution.campaignPipeline
                outcomeSource =
                    "Outcomes are the CRM's deals as pipeline, \(valued), \(credited), in the period each opened (pipeline, not revenue)."
            case "revenue":
                table = attribution.campaignRevenue
                outcomeSource =
                    "Outcomes are the CRM's won deals, \(valued), \(credited), in the period each was won (so recent spend shows no revenue yet)."
            default:
                table = attribution.campaignCohortValue
                outcomeSource =
                    "Outcomes are the CRM's deals, \(valued), \(credited), in the period each opened: won deals at their value, lost ones at nothing, open ones at \(fromLedger ? "their delivered pipeline value (or, undelivered, " : "")their amount x the \(Int((attribution.winRate * 100).rounded()))% value-weighted win rate of decided deals\(fromLedger ? ")" : "") (\(Int((attribution.expectedShare * 100).rounded()))% of the total is such an expectation, most of it in recent periods)."
            }
            spend = spend.replacingOutcomes(
                with: OutcomeAttribution.channelTotals(table), campaignOutcomes: table)
            attributionWarnings = Self.campaignWarnings(
                attribution: attribution, credited: table, spend: spend, fromLedger: fromLedger)
        default:
            throw ValidationError("--outcomes is file, ledger or crm")
        }
        for warning in attributionWarnings { output.error("warning: \(warning)") }
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
        report.attributionWarnings = attributionWarnings
        report.previous = previous
        let (campaignSplits, campaignProblems) = Self.campaignSplits(
            recommendation, spend: spend, allocator: allocator, draws: max(draws, 1), seed: seed)
        report.campaigns = campaignSplits
        report.heldCampaigns = Self.heldCampaigns(spend: spend, allocator: allocator)
        for problem in campaignProblems { output.error("warning: \(problem)") }
        report.attributionWarnings += campaignProblems
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

    /// CRM outcomes credited to channels and campaigns, from the store's deals, their contacts' clicks and
    /// visits (widened through the identity graph) and, `fromLedger`, the ledger's delivered values.
    private func attribute(
        config: ProjectConfig, connectors: [ConnectorConfig], rates: ExchangeRateTable, currency: CurrencyCode,
        spend: SpendHistory, campaigns: CampaignMatcher, fromLedger: Bool, output: Output
    ) async throws -> OutcomeAttribution {
        guard FileManager.default.fileExists(atPath: config.storePath) else {
            throw ValidationError("--outcomes reads the store, and there is none yet: run `revloop pull` first")
        }
        let store = try project.openStore(config, output: output)
        do {
            return try await Self.attribute(
                store: store, connectors: connectors.map(\.name), rates: rates, currency: currency, spend: spend,
                campaigns: campaigns, fromLedger: fromLedger)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
    }

    /// The store's deals credited and valued (see `OutcomeAttribution`), for the connectors named.
    static func attribute(
        store: SQLiteStore, connectors: [ConnectorName], rates: ExchangeRateTable, currency: CurrencyCode,
        spend: SpendHistory, campaigns: CampaignMatcher, fromLedger: Bool
    ) async throws -> OutcomeAttribution {
        var deals: [Deal] = []
        var clicks: [ContactID: [ClickID]] = [:]
        var activities: [ContactID: [Activity]] = [:]
        var samePerson: [ContactID: [ContactID]] = [:]
        var pipelines: [PipelineID: Pipeline] = [:]
        var delivered: [DealID: DeliveredValue]?
        var ledger: [DealID: [LedgerEntry]] = [:]
        if fromLedger {
            let names = Set(connectors)
            for entry in try await store.ledgerEntries().values where names.contains(entry.connector) {
                ledger[entry.dealID, default: []].append(entry)
            }
            delivered = [:]
        }
        for connector in connectors {
            for pipeline in try await store.pipelines(connector: connector) {
                pipelines[pipeline.id] = pipeline
            }
            var after: DealID?
            while true {
                let page = try await store.deals(connector: connector, after: after, limit: 5_000)
                guard let last = page.last else { break }
                after = last.id
                let contacts = Array(Set(page.flatMap(\.contactIDs)))
                let widened = try await Self.samePerson(contacts, connector: connector, store: store)
                samePerson.merge(widened) { first, _ in first }
                let all = Array(Set(contacts + widened.values.joined()))
                clicks.merge(try await store.clickIDs(connector: connector, contacts: all)) { a, _ in a }
                activities.merge(try await store.activities(connector: connector, contacts: all)) { a, _ in a }
                if delivered != nil {
                    for deal in page {
                        let won = Set((pipelines[deal.pipelineID]?.stages ?? []).filter(\.isWon).map(\.id))
                        delivered?[deal.id] = DeliveredValue(entries: ledger[deal.id] ?? [], wonStages: won)
                    }
                }
                deals += page
            }
        }
        return OutcomeAttribution(
            deals: deals, clicks: clicks, samePerson: samePerson, activities: activities, campaigns: campaigns,
            delivered: delivered, pipelines: pipelines, currency: currency, rates: rates,
            period: { spend.period(of: $0) })
    }

    /// What the attribution could not square with the spend: spend campaigns no outcome was credited to,
    /// outcome campaigns that name no spend campaign, deals whose campaign is unknown, and (from the
    /// ledger) deals valued from the CRM for want of a delivered value.
    static func campaignWarnings(
        attribution: OutcomeAttribution, credited: [String: [String: [String: Int64]]], spend: SpendHistory,
        fromLedger: Bool
    ) -> [String] {
        var warnings: [String] = []
        for channel in spend.campaigns.keys.sorted() {
            let idle = (spend.campaigns[channel] ?? []).map(\.name).filter { campaign in
                !campaign.isEmpty && (credited[channel]?[campaign]?.values.allSatisfy { $0 == 0 } ?? true)
            }
            if !idle.isEmpty {
                warnings.append(
                    "\(channel): spend campaigns with no outcome credited: \(idle.joined(separator: ", ")) (their curves see spend and nothing back; map the UTM campaigns that mean them with 'matches' in revloop.yaml)"
                )
            }
        }
        for channel in attribution.campaignsWithoutSpend.keys.sorted() {
            let orphans = (attribution.campaignsWithoutSpend[channel] ?? [:]).sorted { $0.key < $1.key }
            warnings.append(
                "\(channel): outcome campaigns with no spend: "
                    + orphans.map { "\($0.key) (\($0.value) deals)" }.joined(separator: ", ")
                    + " (in the channel's total, in no campaign's curve)")
        }
        if attribution.campaignUnknown > 0 {
            warnings.append(
                "\(attribution.campaignUnknown) of \(attribution.attributed) credited deals have no known campaign (filed under \"\(OutcomeAttribution.unattributedCampaign)\"): in their channel's total, in no campaign's curve"
            )
        }
        if fromLedger, attribution.crmFallback > 0 {
            warnings.append(
                "\(attribution.crmFallback) of \(attribution.attributed) credited deals are valued (in part) from the CRM: the ledger holds no delivered value for them (holdouts, consent skips, goals that do not cover them, or not yet synced)"
            )
        }
        return warnings
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
    /// same way (a campaign credited outcomes in fewer than `minimumEvidence` periods held at its current
    /// share): within each campaign's bounds from revloop.yaml (shares of the channel's amount, amounts,
    /// pinned), the exploration floor and the change limit as for channels (without the change limit when it
    /// cannot be met inside the channel's new amount). A channel whose campaign bounds cannot be met at all
    /// is not split, and `problems` says why.
    static func campaignSplits(
        _ recommendation: BudgetRecommendation, spend: SpendHistory, allocator: AllocatorConfig, draws: Int,
        seed: UInt64, minimumEvidence: Int = 2
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
            let series = campaigns.map(\.outcomes)
            let current = lastShares(of: series, budget: channel.recommended)
            // A campaign credited an outcome in fewer than two periods has no curve to fit (periods without
            // revenue say nothing on a log scale, so its curve would be the prior alone): it keeps its
            // current share of the channel.
            let heldNames =
                heldCampaigns(spend: spend, allocator: allocator, minimumEvidence: minimumEvidence)[
                    channel.name] ?? []
            let pinned = zip(zip(campaigns, names), current).map { pair, amount in
                configured[pair.0.name]?.pinned?.minorUnits ?? (heldNames.contains(pair.1) ? amount : nil)
            }
            let held = names.filter { heldNames.contains($0) }
            if !held.isEmpty {
                problems.append(
                    "\(channel.name): \(held.joined(separator: ", ")) kept at their current share: outcomes were credited to them in fewer than \(minimumEvidence) periods"
                )
            }
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

    /// Per channel, the campaigns (as the split names them) held at their current share for want of
    /// outcomes: credited in fewer than `minimumEvidence` periods, and not pinned in revloop.yaml.
    static func heldCampaigns(spend: SpendHistory, allocator: AllocatorConfig, minimumEvidence: Int = 2)
        -> [String: Set<String>]
    {
        var held: [String: Set<String>] = [:]
        for (channel, campaigns) in spend.campaigns {
            let configured = allocator.channels[channel]?.campaigns ?? [:]
            let names = campaigns.filter { campaign in
                configured[campaign.name]?.pinned == nil
                    && campaign.outcomes.count { $0.revenue > 0 } < minimumEvidence
            }.map { $0.name.isEmpty ? "(no campaign)" : $0.name }
            if !names.isEmpty { held[channel] = Set(names) }
        }
        return held
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
        var lines = [SpendRow.csvHeader + ",campaign_id"]
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
            lines.append(row.csvLine + "," + (row.campaignID ?? "").filter { $0 != "," })
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
