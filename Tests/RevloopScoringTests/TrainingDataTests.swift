import Testing

@testable import RevloopScoring

@Suite struct TrainingDataTests {
    @Test func aLabelThatIsNotAClosedOutcomeIsRefusedNamingTheColumnAndTheValues() {
        do {
            _ = try BinaryLabel.parseColumn(["won", "lost", "meeting booked", "won"], column: "stage")
            Issue.record("accepted a milestone as an outcome")
        } catch {
            #expect(error.kind == .invalidLabel)
            #expect(error.description.contains("label column 'stage'"))
            #expect(error.description.contains("'meeting booked'"))
            #expect(error.description.contains("3 distinct values"))
            #expect(error.description.contains("Fix:"))
        }
        #expect(throws: ScoringError.self) { try BinaryLabel.parseColumn(["1", "1"], column: "won") }
        #expect(throws: ScoringError.self) { try BinaryLabel.parseColumn(["1", "2"], column: "won") }
        #expect((try? BinaryLabel.parseColumn(["Yes", "No", " yes "], column: "Purchase")) == [true, false, true])
        #expect((try? BinaryLabel.parseColumn(["WON", "lost"], column: "o")) == [true, false])
    }

    @Test func theEncoderLearnsFromTrainingRowsOnly() {
        let schema = FeatureSchema(features: [
            FeatureSpec(name: "amount", kind: .numeric), FeatureSpec(name: "channel", kind: .categorical),
        ])
        let table = FeatureTable(
            schema: schema,
            columns: [
                [.number(1), .number(3), .missing, .number(1000)],
                [.category("paid"), .category("organic"), .missing, .category("partner")],
            ])
        let encoder = FeatureEncoder.fit(table, rows: [0, 1, 2], style: .linear)
        // mean 2, population sd 1, from rows 0-2 only; partner (row 3 only) gets no column.
        #expect(encoder.columns.map(\.role) == [.standardized, .missingIndicator, .oneHot, .oneHot, .missingIndicator])
        #expect(encoder.columns[0].mean == 2)
        #expect(encoder.columns[0].scale == 1)
        #expect(encoder.columns.compactMap(\.category) == ["organic", "paid"])
        let matrix = encoder.encode(table)
        #expect(Array(matrix.values[0..<5]) == [-1, 0, 0, 1, 0])
        #expect(Array(matrix.values[10..<15]) == [0, 1, 0, 0, 1])
        #expect(Array(matrix.values[15..<20]) == [998, 0, 0, 0, 0])  // unseen category: all zeros
        let trees = FeatureEncoder.fit(table, rows: [0, 1, 2], style: .tree).encode(table)
        #expect(trees.columnCount == 3)
        #expect(trees[2, 0].isNaN && trees[2, 1].isNaN)
    }

    @Test func stratifiedFoldsAreBalancedAndReproducible() {
        let labels = (0..<1003).map { $0 % 17 == 0 }
        let folds = ValidationSplit.stratifiedFolds(labels: labels, folds: 5, seed: 42)
        #expect(folds == ValidationSplit.stratifiedFolds(labels: labels, folds: 5, seed: 42))
        #expect(folds != ValidationSplit.stratifiedFolds(labels: labels, folds: 5, seed: 43))
        let positives = labels.filter { $0 }.count
        for fold in 0..<5 {
            let rows = folds.indices.filter { folds[$0] == fold }
            #expect(abs(rows.count - 1003 / 5) <= 1)
            let share = rows.filter { labels[$0] }.count
            #expect(abs(share * 5 - positives) <= 5)
        }
    }

    @Test func aTimeOrderedSplitValidatesOnlyOnLaterRows() {
        let times: [Double] = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]
        let (training, validation) = ValidationSplit.timeOrdered(times: times, validationFraction: 0.3)
        #expect(training.count == 7)
        #expect(validation.map { times[$0] } == [8, 9, 10])
        #expect(training.map { times[$0] }.max()! < validation.map { times[$0] }.min()!)
    }

    @Test func trainingNeedsBothOutcomes() {
        let rows: [[String: FeatureValue]] = (0..<20).map { ["x": .number(Double($0))] }
        #expect(throws: ScoringError.self) {
            try ModelTrainer().train(rows: rows, labels: (0..<20).map { $0 < 2 })
        }
    }
}
