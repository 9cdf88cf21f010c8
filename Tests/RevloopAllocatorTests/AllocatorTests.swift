import Foundation
import RevloopAllocator
import RevloopCore
import RevloopTesting
import Testing

@Suite struct SplitOptimizerTests {
    static let names = ["google", "meta", "linkedin"]

    @Test func splitsSumExactlyToTheBudgetAndRespectBounds() throws {
        var random = SeededRandomNumberGenerator(seed: 7)
        for _ in 0..<200 {
            let budget = Int64(random.next() % 10_000_000) + 1_000
            let low = (0..<3).map { _ in Double(random.next() % 30) / 100 }
            let high = low.map { $0 + 0.34 + Double(random.next() % 30) / 100 }
            guard
                let bounds = try? AllocationBounds(
                    budget: budget, names: Self.names, minimumShare: low, maximumShare: high)
            else { continue }
            let elasticities = (0..<3).map { _ in 0.2 + Double(random.next() % 70) / 100 }
            let curves = elasticities.map { b in { (spend: Double) in pow(spend, b) } }
            let split = SplitOptimizer.split(budget: budget, bounds: bounds.ranges, curves: curves)
            #expect(split.reduce(0, +) == budget)
            for (amount, range) in zip(split, bounds.ranges) { #expect(range.contains(amount)) }
        }
    }

    @Test func concaveCurvesEndWithEqualMarginalReturns() throws {
        let bounds = try AllocationBounds(
            budget: 1_000_000, names: Self.names, minimumShare: [0, 0, 0], maximumShare: [1, 1, 1])
        let weights = [3.0, 2.0, 1.0]
        let curves = weights.map { weight in { (spend: Double) in weight * spend.squareRoot() } }
        let split = SplitOptimizer.split(budget: 1_000_000, bounds: bounds.ranges, curves: curves)
        // For w * sqrt(s), equal marginals give shares proportional to w^2: 9:4:1.
        let shares = split.map { Double($0) / 1_000_000 }
        #expect(abs(shares[0] - 9.0 / 14) < 0.002 && abs(shares[1] - 4.0 / 14) < 0.002)
    }

    @Test func pinnedChannelsAndChangeLimitsShapeTheBounds() throws {
        let bounds = try AllocationBounds(
            budget: 100_000, names: Self.names, minimumShare: [0, 0, 0], maximumShare: [1, 1, 1],
            explorationFloor: 0.05,
            previous: [50_000, 30_000, 20_000], maximumChange: 0.5, pinned: [nil, nil, 20_000])
        #expect(bounds.ranges == [25_000...75_000, 15_000...45_000, 20_000...20_000])
        let split = SplitOptimizer.split(
            budget: 100_000, bounds: bounds.ranges, curves: [{ $0 }, { 2 * $0 }, { 3 * $0 }])
        #expect(split == [35_000, 45_000, 20_000])
    }

    @Test func infeasibleBoundsNameTheConflict() {
        #expect(throws: AllocationBounds.Infeasible.self) {
            try AllocationBounds(
                budget: 100, names: Self.names, minimumShare: [0.5, 0.4, 0.2], maximumShare: [1, 1, 1])
        }
        do {
            _ = try AllocationBounds(
                budget: 100_000, names: Self.names, minimumShare: [0.1, 0.1, 0.1], maximumShare: [0.7, 0.7, 0.7],
                previous: [10_000, 10_000, 80_000], maximumChange: 0.1)
            Issue.record("a change limit that conflicts with the share bounds must be reported")
        } catch {
            #expect(error.description.hasPrefix("linkedin: its minimum"))
        }
        #expect(throws: AllocationBounds.Infeasible.self) {
            try AllocationBounds(
                budget: 100, names: Self.names, minimumShare: [0, 0, 0], maximumShare: [0.3, 0.3, 0.3])
        }
    }
}

@Suite struct CurvePosteriorTests {
    @Test func recoversAKnownPowerCurve() {
        var random = SeededRandomNumberGenerator(seed: 3)
        let outcomes = (0..<60).map { index -> PeriodOutcome in
            let spend = 1_000_000 * (0.5 + Double(index % 10) / 10)
            let noise = exp(0.1 * Double(Int(random.next() % 2001) - 1000) / 1000)
            return PeriodOutcome(spend: spend, revenue: exp(2.0 + 0.7 * log(spend)) * noise)
        }
        let posterior = CurvePosterior(prior: CurvePrior(), outcomes: outcomes, discount: 1)
        #expect(abs(posterior.mean.1 - 0.7) < 0.05)
        #expect(abs(posterior.mean.0 - 2.0) < 0.8)
    }

    @Test func discountingForgetsAnOldRegime() {
        let old = (0..<30).map { PeriodOutcome(spend: Double(100_000 + $0 * 1_000), revenue: 500_000) }
        let new = (0..<10).map { PeriodOutcome(spend: Double(100_000 + $0 * 1_000), revenue: 100_000) }
        let kept = CurvePosterior(prior: CurvePrior(), outcomes: old + new, discount: 1)
        let forgetting = CurvePosterior(prior: CurvePrior(), outcomes: old + new, discount: 0.7)
        let spend = 105_000.0
        let truth = 100_000.0
        #expect(
            abs(forgetting.meanParameters.revenue(at: spend) - truth)
                < abs(kept.meanParameters.revenue(at: spend) - truth))
    }
}

@Suite struct ThompsonAllocatorTests {
    @Test func decisionsAreDeterministicForASeed() throws {
        let market = SimulatedMarket.learningSpec(shift: false)
        let allocator = ThompsonAllocator(warmUpPeriods: 2, draws: 4, changeThreshold: 3.5)
        let policy: AllocatorSimulation.Policy = { history, bounds, random in
            allocator.decide(history: history, budget: market.budget, bounds: bounds, random: &random)
        }
        let first = try AllocatorSimulation.run(market: market, weeks: 12, seed: 11, policy: policy)
        let second = try AllocatorSimulation.run(market: market, weeks: 12, seed: 11, policy: policy)
        #expect(first == second)
    }

    @Test func theSimulatorsOracleAndEqualSplitMatchTheSpec() {
        // learning.md 1.3: oracle google 0.685, meta 0.215, linkedin 0.10; equal split = 90.45% of it.
        let market = SimulatedMarket.learningSpec(shift: false)
        let oracle = market.oracle(week: 0)
        #expect(oracle.split.map { Double($0) / Double(market.budget) } == [0.685, 0.215, 0.1])
        let equal = market.expectedRevenue(of: [1_000_000, 1_000_000, 1_000_000], week: 0)
        #expect(abs(equal / oracle.revenue - 0.9045) < 0.0005)
        let shifted = SimulatedMarket.learningSpec(shift: true).oracle(week: 26).split.map {
            Double($0) / Double(market.budget)
        }
        #expect(shifted == [0.385, 0.1, 0.515])
    }

    @Test func aChannelWithStrictlyBetterEvidenceGetsMoreOnAverage() throws {
        // Two channels with the same elasticity; one earns twice as much per unit of spend^b.
        var history: [[PeriodOutcome]] = [[], []]
        for week in 0..<20 {
            let spend = 1_000_000.0 + Double(week % 5) * 100_000
            history[0].append(PeriodOutcome(spend: spend, revenue: 2 * pow(spend, 0.6) * 100))
            history[1].append(PeriodOutcome(spend: spend, revenue: pow(spend, 0.6) * 100))
        }
        let bounds = try AllocationBounds(
            budget: 2_000_000, names: ["better", "worse"], minimumShare: [0.1, 0.1], maximumShare: [0.9, 0.9])
        var random = SeededRandomNumberGenerator(seed: 5)
        var totals = [0.0, 0.0]
        for _ in 0..<50 {
            let split = ThompsonAllocator(warmUpPeriods: 2).decide(
                history: history, budget: 2_000_000, bounds: bounds, random: &random)
            #expect(split.reduce(0, +) == 2_000_000)
            totals[0] += Double(split[0])
            totals[1] += Double(split[1])
        }
        #expect(totals[0] > totals[1])
    }

    @Test func aRegimeChangeIsDetectedAndOnlyTheNewRegimeIsFitted() {
        let allocator = ThompsonAllocator(changeThreshold: 3.5)
        var outcomes: [PeriodOutcome] = []
        var random = SeededRandomNumberGenerator(seed: 9)
        for week in 0..<30 {
            let spend = 1_000_000.0 * (0.5 + Double(random.next() % 100) / 100)
            let level = week < 20 ? 3.0 : 1.0
            outcomes.append(PeriodOutcome(spend: spend, revenue: level * pow(spend, 0.7)))
        }
        let start = allocator.regimeStart(of: outcomes)
        #expect(start >= 20 && start <= 23, "detected at \(start)")
        #expect(allocator.regimeStart(of: Array(outcomes.prefix(20))) == 0)
    }

    @Test func afterAChangeTheOldRegimesElasticityIsTheNewRegimesPrior() {
        // Elasticity 0.4 learnt over varied spend; then the level drops and spend stays put, so the new
        // regime's own periods say nothing about the curve's shape.
        var random = SeededRandomNumberGenerator(seed: 12)
        var outcomes: [PeriodOutcome] = []
        for week in 0..<30 {
            let spend = week < 20 ? 1_000_000.0 * (0.2 + Double(week % 7) * 0.3) : 1_000_000
            let noise = exp(0.05 * Double(Int(random.next() % 2001) - 1000) / 1000)
            let level = week < 20 ? 1.0 : 0.3
            outcomes.append(PeriodOutcome(spend: spend, revenue: level * exp(3 + 0.4 * log(spend)) * noise))
        }
        let weak = ThompsonAllocator(changeThreshold: 3.5, elasticityCarryOver: 0)
        let carried = ThompsonAllocator(changeThreshold: 3.5, elasticityCarryOver: 1)
        let start = weak.regimeStart(of: outcomes)
        #expect(start >= 20 && start <= 23, "detected at \(start)")
        let old = CurvePosterior(prior: CurvePrior(), outcomes: Array(outcomes[..<start]), discount: 1)
        #expect(abs(old.mean.1 - 0.4) < 0.05)
        let weakFit = weak.currentFit(of: outcomes)
        let carriedFit = carried.currentFit(of: outcomes)
        #expect(weakFit.periods == outcomes.count - start && carriedFit.periods == weakFit.periods)
        // Without carry-over the shape is the default prior's; with it, the old regime's.
        #expect(abs(weakFit.posterior.mean.1 - CurvePrior().elasticityMean) < 0.01)
        #expect(abs(carriedFit.posterior.mean.1 - old.mean.1) < 0.01)
        #expect(carriedFit.posterior.elasticityPrecision > 2 * weakFit.posterior.elasticityPrecision)
    }

    @Test func aNarrowerDrawSpreadStaysCloserToTheMean() {
        var random = SeededRandomNumberGenerator(seed: 13)
        let outcomes = (0..<8).map { index in
            PeriodOutcome(spend: 1_000_000 * (0.5 + Double(index) / 8), revenue: 50_000 * (1 + Double(index % 3) / 10))
        }
        let posterior = CurvePosterior(prior: CurvePrior(), outcomes: outcomes, discount: 1)
        func spread(_ scale: Double) -> Double {
            (0..<400).map { _ in abs(posterior.draw(&random, spread: scale).elasticity - posterior.mean.1) }
                .reduce(0, +) / 400
        }
        let plain = spread(1)
        let tempered = spread(0.5)
        #expect(tempered < 0.6 * plain && tempered > 0.4 * plain)
        #expect(spread(0) < 1e-12)
    }
}

@Suite struct SpendHistoryAndRecommendationTests {
    @Test func dailyExportRowsAreGroupedIntoPeriodsEndingOnTheLastDay() {
        var diagnostics: [Diagnostic] = []
        let csv = """
            date,channel,campaign,spend,currency,impressions,clicks,revenue
            2026-11-01,google,a,10.00,USD,1,1,100.00
            2026-11-02,google,b,5.00,USD,1,1,50.00
            2026-11-08,google,a,20.00,USD,1,1,200.00
            2026-11-08,meta,a,7.50,USD,1,1,
            2026-11-09,meta,a,oops,USD,1,1,1.00
            """
        let history = SpendHistory.parse(
            csv: csv, path: "spend.csv", currency: .usd, periodDays: 7, diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == ["spend.csv:6: error: 'spend' must be a decimal amount such as 1250.00"])
        // Periods end on 2026-11-08: 2026-11-02..08 and 2026-10-26..11-01.
        #expect(history.periods == ["2026-10-26", "2026-11-02"])
        #expect(history.channels == ["google", "meta"])
        #expect(
            history.outcomes[0] == [
                PeriodOutcome(spend: 1_000, revenue: 10_000), PeriodOutcome(spend: 2_500, revenue: 25_000),
            ])
        #expect(history.outcomes[1] == [PeriodOutcome(spend: 0, revenue: 0), PeriodOutcome(spend: 750, revenue: 0)])
        #expect(history.campaigns["google"]?.map(\.name) == ["a", "b"])
        #expect(
            history.campaigns["google"]?[1].outcomes == [
                PeriodOutcome(spend: 0, revenue: 0), PeriodOutcome(spend: 500, revenue: 5_000),
            ])
    }

    @Test func theHistoryFormatUsesRevenueElsePipeline() {
        var diagnostics: [Diagnostic] = []
        let csv =
            "period,channel,campaign,spend,pipeline,revenue\n2026-W01,google,,100.00,900.00,\n2026-W01,google,x,50.00,10.00,300.00\n"
        let history = SpendHistory.parse(
            csv: csv, path: "h.csv", currency: .usd, periodDays: 7, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(history.outcomes == [[PeriodOutcome(spend: 15_000, revenue: 120_000)]])
    }

    @Test func theRecommendationSpendsTheBudgetAndIsReproducible() throws {
        let market = SimulatedMarket.learningSpec(shift: false)
        var random = SeededRandomNumberGenerator(seed: 2)
        var history = market.names.map { _ in [PeriodOutcome]() }
        for week in 0..<26 {
            let tilt = Int64(week % 5 - 2) * 200_000
            for (index, outcome) in market.observe(
                [1_000_000 + tilt, 1_000_000, 1_000_000 - tilt], week: week, random: &random
            )
            .enumerated() {
                history[index].append(outcome)
            }
        }
        let bounds = try AllocationBounds(
            budget: market.budget, names: market.names, minimumShare: [0.1, 0.1, 0.1], maximumShare: [0.7, 0.7, 0.7])
        func make() -> BudgetRecommendation {
            BudgetRecommendation(
                names: market.names, history: history, current: [1_000_000, 1_000_000, 1_000_000],
                budget: market.budget,
                bounds: bounds, draws: 300, seed: 4)
        }
        let first = make()
        let second = make()
        #expect(first.channels.map(\.recommended) == second.channels.map(\.recommended))
        #expect(first.channels.map(\.recommended).reduce(0, +) == market.budget)
        #expect(abs(first.channels.map(\.probabilityBest).reduce(0, +) - 1) < 1e-9)
        for channel in first.channels {
            #expect(channel.expectedAtRecommended.low <= channel.expectedAtRecommended.mean)
            #expect(channel.expectedAtRecommended.mean <= channel.expectedAtRecommended.high)
        }
        // A 50% holdout lands halfway between the optimized split and the current one.
        let held = BudgetRecommendation(
            names: market.names, history: history, current: [1_000_000, 1_000_000, 1_000_000], budget: market.budget,
            bounds: bounds, draws: 300, seed: 4, holdoutShare: 0.5)
        #expect(held.channels.map(\.recommended).reduce(0, +) == market.budget)
        for (free, halved) in zip(first.channels, held.channels) {
            #expect(abs(Double(halved.recommended) - (Double(free.recommended) + 1_000_000) / 2) <= 1)
        }
        // Google is the strongest channel in this market: it gets the most.
        #expect(first.channels[0].recommended == first.channels.map(\.recommended).max())
        #expect(first.totalAtRecommended.mean > first.totalAtCurrent.mean)
    }
}

@Suite struct HillPosteriorTests {
    @Test func drawsCentreOnTheTrueSaturatingCurve() {
        let truth = HillCurve(maximum: 100_000, halfSaturation: 25_000, shape: 1)
        var random = SeededRandomNumberGenerator(seed: 12)
        let outcomes = (0..<40).map { index -> PeriodOutcome in
            let spend = 5_000.0 + Double(index % 10) * 6_000
            let noise = exp(0.1 * (Double(Int(random.next() % 2001) - 1000) / 1000))
            return PeriodOutcome(spend: spend, revenue: truth.revenue(at: spend) * noise)
        }
        let posterior = HillPosterior(outcomes: outcomes, discount: 1)
        for spend in [10_000.0, 40_000.0] {
            var total = 0.0
            for _ in 0..<400 { total += posterior.drawCurve(&random).revenue(at: spend) }
            let mean = total / 400
            #expect(abs(mean / truth.revenue(at: spend) - 1) < 0.05, "at \(spend): \(mean)")
        }
    }
}

@Suite struct PowerCurveSplitTests {
    @Test func theExactSplitMatchesWaterFillingOnConcaveCurves() throws {
        var random = SeededRandomNumberGenerator(seed: 21)
        for _ in 0..<50 {
            let count = 2 + Int(random.next() % 8)
            let names = (0..<count).map { "c\($0)" }
            let logScale = (0..<count).map { _ in Double(random.next() % 300) / 100 }
            let elasticity = (0..<count).map { _ in 0.2 + Double(random.next() % 70) / 100 }
            let budget: Int64 = 10_000_000
            let bounds = try AllocationBounds(
                budget: budget, names: names, minimumShare: names.map { _ in 0.02 },
                maximumShare: names.map { _ in 0.6 })
            let curves = (0..<count).map { index in
                { (spend: Double) in exp(logScale[index]) * pow(spend, elasticity[index]) }
            }
            let filled = SplitOptimizer.split(budget: budget, bounds: bounds.ranges, curves: curves)
            let exact = try #require(
                PowerCurveSplit.solve(logScale: logScale, elasticity: elasticity, bounds: bounds.ranges, budget: budget)
            )
            #expect(abs(exact.reduce(0, +) - Double(budget)) < 1)
            let revenue = { (split: [Double]) in zip(curves, split).reduce(0) { $0 + $1.0($1.1) } }
            // The exact optimum earns at least as much as the stepped one, and they agree to a step or so.
            #expect(revenue(exact) >= revenue(filled.map(Double.init)) * (1 - 1e-9))
            for (a, b) in zip(exact, filled) { #expect(abs(a - Double(b)) < Double(budget) / 100) }
        }
    }
}

@Suite struct OutcomeAttributionTests {
    /// 2026-11-02.
    static let day = CalendarDay(daysSinceEpoch: 20_759)

    static func at(_ days: Int64) -> Timestamp { day.adding(days: days).startInUTC.adding(milliseconds: 3_600_000) }

    static let pipeline = Pipeline(
        id: "p", label: "P",
        stages: [
            PipelineStage(id: "open", label: "Open", winProbability: 0.2, isClosed: false, isWon: false),
            PipelineStage(id: "won", label: "Won", winProbability: 1, isClosed: true, isWon: true),
        ])

    static func deal(
        _ id: String, contact: String, opened: Int64, wonOn: Int64?, amount: Int64, lostReason: String? = nil
    )
        -> Deal
    {
        var history = [StageTransition(stageID: "open", enteredAt: at(opened))]
        if let wonOn { history.append(StageTransition(stageID: "won", enteredAt: at(wonOn))) }
        let money = Money(minorUnits: amount, currency: .usd)
        return Deal(
            id: DealID(id), pipelineID: "p", stageID: wonOn == nil ? "open" : "won", amount: money,
            createdAt: at(opened),
            updatedAt: at(opened), closeDate: nil, companyID: nil, contactIDs: [ContactID(contact)],
            stageHistory: history, amountHistory: [AmountChange(amount: money, changedAt: at(opened))],
            isDeleted: false,
            lostReason: lostReason)
    }

    @Test func dealsGoToTheChannelOfTheLastClickBeforeTheyOpened() {
        let clicks: [ContactID: [ClickID]] = [
            "a": [
                ClickID(contactID: "a", kind: .fbclid, value: "f", clickedAt: Self.at(-3)),
                ClickID(contactID: "a", kind: .gclid, value: "g", clickedAt: Self.at(-1)),
                ClickID(contactID: "a", kind: .linkedInFirstPartyID, value: "l", clickedAt: Self.at(5)),
            ],
            "b": [ClickID(contactID: "b", kind: .linkedInFirstPartyID, value: "l", clickedAt: Self.at(-2))],
        ]
        let deals = [
            Self.deal("1", contact: "a", opened: 0, wonOn: 8, amount: 10_000),
            Self.deal("2", contact: "b", opened: 1, wonOn: 2, amount: 5_000, lostReason: "refunded"),
            Self.deal("3", contact: "c", opened: 1, wonOn: nil, amount: 7_000),
        ]
        let attribution = OutcomeAttribution(
            deals: deals, clicks: clicks, pipelines: ["p": Self.pipeline], currency: .usd, rates: ExchangeRateTable(),
            period: { day in day < Self.day.adding(days: 7) ? "w1" : "w2" })
        #expect(attribution.attributed == 2 && attribution.unattributed == 1)
        #expect(attribution.pipeline == ["google": ["w1": 10_000], "linkedin": ["w1": 5_000]])
        // Deal 1 was won in the second week; deal 2 was refunded, so it earns nothing.
        #expect(attribution.revenue == ["google": ["w2": 10_000]])
    }

    @Test func theSamePersonsOtherRecordsAndTheDealsOtherContactsWidenTheClicks() {
        // Contact "c" is on the deal; "c-form" is the same person's record that carried the click id.
        let clicks: [ContactID: [ClickID]] = [
            "c-form": [ClickID(contactID: "c-form", kind: .fbclid, value: "f", clickedAt: Self.at(-1))],
            "d2": [ClickID(contactID: "d2", kind: .gclid, value: "g", clickedAt: Self.at(-2))],
        ]
        var second = Self.deal("2", contact: "d1", opened: 1, wonOn: nil, amount: 3_000)
        second.contactIDs.append("d2")
        let deals = [Self.deal("1", contact: "c", opened: 0, wonOn: nil, amount: 7_000), second]
        let narrow = OutcomeAttribution(
            deals: [deals[0]], clicks: clicks, pipelines: ["p": Self.pipeline], currency: .usd,
            rates: ExchangeRateTable(), period: { _ in "w1" })
        #expect(narrow.attributed == 0 && narrow.unattributed == 1)
        let wide = OutcomeAttribution(
            deals: deals, clicks: clicks, samePerson: ["c": ["c-form"]], pipelines: ["p": Self.pipeline],
            currency: .usd, rates: ExchangeRateTable(), period: { _ in "w1" })
        #expect(wide.attributed == 2 && wide.widened == 2 && wide.unattributed == 0)
        #expect(wide.pipeline == ["meta": ["w1": 7_000], "google": ["w1": 3_000]])
    }

    @Test func eachPeriodsDealsAreWorthTheirWinsAndTheirOpenAmountTimesTheWinRate() {
        let clicks: [ContactID: [ClickID]] = [
            "g": [ClickID(contactID: "g", kind: .gclid, value: "g", clickedAt: Self.at(-1))],
            "l": [ClickID(contactID: "l", kind: .linkedInFirstPartyID, value: "l", clickedAt: Self.at(-1))],
            "m": [ClickID(contactID: "m", kind: .fbclid, value: "m", clickedAt: Self.at(-1))],
        ]
        let deals = [
            Self.deal("won", contact: "g", opened: 0, wonOn: 20, amount: 10_000),
            Self.deal("refunded", contact: "l", opened: 1, wonOn: 3, amount: 5_000, lostReason: "refunded"),
            Self.deal("open", contact: "g", opened: 2, wonOn: nil, amount: 7_000),
            Self.deal("late", contact: "m", opened: 8, wonOn: nil, amount: 2_000),
        ]
        let attribution = OutcomeAttribution(
            deals: deals, clicks: clicks, pipelines: ["p": Self.pipeline], currency: .usd, rates: ExchangeRateTable(),
            period: { day in day < Self.day.adding(days: 7) ? "w1" : "w2" })
        // Decided: 10,000 won of 15,000; open deals are worth two thirds of their amount.
        #expect(abs(attribution.winRate - 2.0 / 3.0) < 1e-12)
        #expect(attribution.cohortValue == ["google": ["w1": 14_667], "linkedin": ["w1": 0], "meta": ["w2": 1_333]])
        #expect(abs(attribution.expectedShare - 0.375) < 1e-4)
        // By the day won, the week whose spend opened the deal shows no revenue at all: the lag the cohort
        // view removes.
        #expect(attribution.revenue == ["google": ["w2": 10_000]])
    }

    @Test func periodsOfADailyFileEndOnItsLastDay() {
        var diagnostics: [Diagnostic] = []
        let history = SpendHistory.parse(
            csv:
                "date,channel,campaign,spend,currency,impressions,clicks,revenue\n2026-11-01,google,a,1.00,USD,1,1,1.00\n2026-11-08,google,a,1.00,USD,1,1,1.00\n",
            path: "s.csv", currency: .usd, periodDays: 7, diagnostics: &diagnostics)
        #expect(history.period(of: CalendarDay(iso: "2026-11-05")!) == "2026-11-02")
        #expect(history.period(of: CalendarDay(iso: "2026-10-26")!) == "2026-10-26")
        #expect(history.period(of: CalendarDay(iso: "2026-11-09")!) == nil)
        #expect(history.period(of: CalendarDay(iso: "2026-10-01")!) == nil)
        let replaced = history.replacingOutcomes(with: ["google": ["2026-11-02": 42]])
        #expect(replaced.outcomes[0].map(\.revenue) == [0, 42])
        #expect(replaced.campaigns.isEmpty)
    }
}
