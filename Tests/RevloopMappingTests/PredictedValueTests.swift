import RevloopCore
import RevloopMapping
import RevloopTesting
import Synchronization
import Testing

/// The `predicted` value policy: amount x the scoring model's win probability as of the stage's entry.
@Suite struct PredictedValueTests {
    /// An estimator that answers by the time it is asked about, so the test sees which moment was used.
    final class ByTime: WinProbabilityEstimator {
        let answers: [Timestamp: Double]
        let asked = Mutex<[Timestamp]>([])
        init(answers: [Timestamp: Double]) { self.answers = answers }
        func winProbability(of context: DealContext, at time: Timestamp) -> EstimatedWinProbability? {
            asked.withLock { $0.append(time) }
            return answers[time].map { EstimatedWinProbability(probability: $0, modelVersion: "deal-win-20261129-1") }
        }
    }

    static let yaml = """
        name: google-predicted
        destination: google
        account: "1"
        conversion_action: "2"
        trigger: { stages: [qualified, proposal, won] }
        value: { policy: predicted, currency: USD }
        window_days: 90
        consent: { unknown: skip }
        """

    static func planner(_ estimator: (any WinProbabilityEstimator)?) throws -> ConversionPlanner {
        let mapping = try #require(PlanFixtures.mapping("google", yaml: yaml))
        let goal = ConversionGoal(
            mapping: mapping, platform: .googleDataManager, projectHoldoutShare: 0, holdoutSalt: "test")
        return ConversionPlanner(
            goals: [goal], rates: ExchangeRateTable(), asOf: PlanFixtures.asOf, estimator: estimator)
    }

    static func context(_ deal: Deal) -> DealContext {
        DealContext(
            connector: PlanFixtures.connector, crmName: "HubSpot", deal: deal, pipeline: PlanFixtures.pipeline,
            contacts: [PlanFixtures.contact()], clicks: ["ct-1": PlanFixtures.clicks()])
    }

    @Test func openStagesCarryTheModelsProbabilityAsOfTheirEntryAndTheWonStageTheAmount() throws {
        let deal = PlanFixtures.deal(stages: [("qualified", 5), ("proposal", 3), ("won", 1)])
        let entered = Dictionary(uniqueKeysWithValues: deal.stageHistory.map { ($0.stageID.rawValue, $0.enteredAt) })
        let estimator = ByTime(answers: [
            try #require(entered["qualified"]): 0.237, try #require(entered["proposal"]): 0.5125,
        ])
        let operations = try Self.planner(estimator).plan(Self.context(deal)) { _ in nil }
        let events = operations.compactMap(\.event)
        // 10,000.00 USD x 0.237 and x 0.5125, rounded half-even to the cent; the won stage is certain.
        #expect(events.map(\.value.minorUnits) == [237_000, 512_500, 1_000_000])
        #expect(events.map(\.modelVersion) == ["deal-win-20261129-1", "deal-win-20261129-1", nil])
        // Asked about each open stage at the moment it was entered, never about the won stage.
        #expect(estimator.asked.withLock { $0 } == [entered["qualified"], entered["proposal"]])
    }

    @Test func withoutAModelTheGoalFallsBackToStageProbabilityAndSaysSo() throws {
        let deal = PlanFixtures.deal(stages: [("qualified", 5), ("proposal", 3)])
        let operations = try Self.planner(nil).plan(Self.context(deal)) { _ in nil }
        let events = operations.compactMap(\.event)
        // The pipeline's own probabilities (qualified 0.4, proposal 0.7), no model version.
        #expect(events.map(\.value.minorUnits) == [400_000, 700_000])
        #expect(events.allSatisfy { $0.modelVersion == nil })
        var tally = PlanTally(goals: try Self.planner(nil).goals)
        for operation in operations { tally.add(operation) }
        #expect(tally.goals[0].isPredicted && tally.goals[0].stageProbabilityValued == 2)
    }

    @Test func aProbabilityOutsideZeroToOneIsClampedAndAZeroValueIsNotSent() throws {
        let deal = PlanFixtures.deal(stages: [("qualified", 5), ("proposal", 3)])
        let entered = deal.stageHistory.map(\.enteredAt)
        let estimator = ByTime(answers: [entered[0]: 1.7, entered[1]: 0])
        let operations = try Self.planner(estimator).plan(Self.context(deal)) { _ in nil }
        #expect(operations.compactMap(\.event).map(\.value.minorUnits) == [1_000_000])
        #expect(operations.last?.action == .skip(.zeroValue))
    }
}
