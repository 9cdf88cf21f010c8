import Foundation
import RevloopCore
import Testing

@testable import RevloopScoring

/// Synthetic deals with a known relationship to the outcome: SaaS and more pages viewed win more; a
/// missing employee count wins less.
enum SyntheticDeals {
    static func make(count: Int, seed: UInt64) -> (rows: [[String: FeatureValue]], labels: [Bool]) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var rows: [[String: FeatureValue]] = []
        var labels: [Bool] = []
        let industries = ["SaaS", "Retail", "Manufacturing", "Finance"]
        for _ in 0..<count {
            let industry = industries[Int(random.next() % 4)]
            let pages = Double(random.next() % 40)
            let hasEmployees = random.next() % 4 != 0
            let employees = Double(10 + random.next() % 990)
            var logit = -2.0 + 0.08 * pages + (industry == "SaaS" ? 1.2 : industry == "Retail" ? -0.6 : 0)
            logit += hasEmployees ? 0.0005 * employees : -0.8
            let u = Double(random.next() % 1_000_000) / 1_000_000
            labels.append(u < 1 / (1 + exp(-logit)))
            rows.append([
                "industry": .category(industry), "pages_viewed": .number(pages),
                "employees": hasEmployees ? .number(employees) : .missing,
            ])
        }
        return (rows, labels)
    }
}

@Suite struct ModelExplanationTests {
    @Test func linearContributionsAreCoefficientTimesStandardizedValueAndAddUpToTheMargin() throws {
        let (rows, labels) = SyntheticDeals.make(count: 2000, seed: 3)
        let model = try ModelTrainer(options: TrainingOptions(kind: .logistic)).train(rows: rows, labels: labels)
        let logistic = try #require(model.parameters.logistic)
        for row in rows.prefix(200) {
            let encoded = model.encoder.encode(row)
            let (base, contributions) = model.columnContributions(encoded: encoded)
            #expect(base == logistic.intercept)
            for (index, column) in model.encoder.columns.enumerated() {
                var standardized = 0.0
                if column.role == .standardized, case .number(let x) = row[model.schema.features[column.feature].name] {
                    standardized = (x - column.mean) / column.scale
                    #expect(contributions[index] == logistic.coefficients[index] * standardized)
                }
            }
            #expect(abs(base + contributions.reduce(0, +) - model.rawMargin(for: row)) < 1e-12)
        }
    }

    @Test func treeExplanationsAddUpToTheRawPredictionOnEveryRow() throws {
        let (rows, labels) = SyntheticDeals.make(count: 1500, seed: 5)
        let model = try ModelTrainer(options: TrainingOptions(kind: .gbdt)).train(rows: rows, labels: labels)
        for row in rows {
            let explanation = model.explain(row, top: 3)
            let sum = explanation.contributions.map(\.logOdds).reduce(explanation.baseValue, +)
            #expect(abs(sum - explanation.rawMargin) < 1e-6)
        }
    }

    @Test func explanationsReadAsPointsThatAddUpToTheScoreMove() throws {
        let (rows, labels) = SyntheticDeals.make(count: 3000, seed: 9)
        let model = try ModelTrainer(options: TrainingOptions(kind: .logistic)).train(rows: rows, labels: labels)
        let saas: [String: FeatureValue] = [
            "industry": .category("SaaS"), "pages_viewed": .number(35), "employees": .number(400),
        ]
        let explanation = model.explain(saas, top: 2)
        #expect(explanation.score == model.score(for: saas))
        let points = explanation.contributions.map(\.points).reduce(0, +)
        #expect(abs(explanation.baselineScore + points - 100 * explanation.probability) < 1e-9)
        #expect(explanation.lines.count == 2)
        let industry = try #require(explanation.contributions.first { $0.feature == "industry" })
        #expect(industry.logOdds > 0)
        #expect(industry.line.hasPrefix("industry = SaaS: +"))
        let pages = try #require(explanation.contributions.first { $0.feature == "pages_viewed" })
        #expect(pages.line.hasPrefix("pages_viewed = 35: +"))
        // Unseen category: all its one-hot columns are zero, so industry contributes nothing.
        var unseen = saas
        unseen["industry"] = .category("Aerospace")
        #expect(model.explain(unseen).contributions.first { $0.feature == "industry" }?.logOdds == 0)
    }

    @Test func aModelRoundTripsThroughJSONAndRefusesAnotherFormatVersion() throws {
        let (rows, labels) = SyntheticDeals.make(count: 800, seed: 4)
        for kind in ModelKind.allCases {
            let model = try ModelTrainer(options: TrainingOptions(kind: kind, calibration: .isotonic))
                .train(rows: rows, labels: labels)
            let decoded = try ScoringModel.decode(json: try model.encodedJSON())
            #expect(decoded == model)
            for row in rows.prefix(50) { #expect(decoded.probability(for: row) == model.probability(for: row)) }
            var text = String(decoding: try model.encodedJSON(), as: UTF8.self)
            text = text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99")
            #expect(throws: ScoringError.self) { try ScoringModel.decode(json: Data(text.utf8)) }
        }
    }

    @Test func bothModelsLearnTheKnownRelationshipAndStayCalibratedOnNewRows() throws {
        let (rows, labels) = SyntheticDeals.make(count: 4000, seed: 21)
        let (testRows, testLabels) = SyntheticDeals.make(count: 4000, seed: 22)
        for kind in ModelKind.allCases {
            let model = try ModelTrainer(options: TrainingOptions(kind: kind)).train(rows: rows, labels: labels)
            let metrics = BinaryMetrics(probabilities: testRows.map(model.probability(for:)), labels: testLabels)
            #expect(metrics.auc > 0.72, "\(kind) AUC \(metrics.auc)")
            #expect(metrics.ece < 0.03, "\(kind) ECE \(metrics.ece)")
            let missing = model.explain(["industry": .category("Finance"), "pages_viewed": .number(10)])
            #expect(missing.contributions.first { $0.feature == "employees" }!.logOdds < 0)
        }
    }
}
