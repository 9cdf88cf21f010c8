import Foundation
import RevloopCore
import Testing

@testable import RevloopScoring

/// The served tree model is the mean of the inner folds' ensembles: one sum of trees, the same whatever the
/// threads, and binned once for all the folds.
@Suite struct FoldAverageTests {
    private static func matrix(rows: Int, columns: Int, seed: UInt64) -> DesignMatrix {
        var random = SeededRandomNumberGenerator(seed: seed)
        var values: [Double] = []
        for _ in 0..<(rows * columns) {
            // Few distinct values with some missing, as CRM columns are; every fifth cell continuous.
            let draw = random.next() % 100
            values.append(draw < 8 ? .nan : draw % 5 == 0 ? Double(draw) / 7 : Double(draw % 6))
        }
        return DesignMatrix(rowCount: rows, columnCount: columns, values: values)
    }

    @Test func anAverageOfEnsemblesPredictsTheMeanMarginAndExplainsItExactly() throws {
        let data = Self.matrix(rows: 400, columns: 6, seed: 5)
        var random = SeededRandomNumberGenerator(seed: 6)
        let labels = (0..<400).map { row in
            let x = data.values[row * 6]
            return (x.isNaN ? 0.3 : x / 6) + Double(random.next() % 1000) / 2000 > 0.6
        }
        let ensembles = [3, 4, 5].map { leaves in
            HistogramBooster.fit(
                data, labels: labels, parameters: BoostingParameters(trees: 20, maximumLeaves: leaves))
        }
        let mean = TreeEnsemble.averaging(ensembles)
        #expect(mean.trees.count == 60)
        let perEnsemble = ensembles.map { $0.margins(data) }
        let averaged = mean.margins(data)
        for row in 0..<400 {
            let expected = (perEnsemble[0][row] + perEnsemble[1][row] + perEnsemble[2][row]) / 3
            #expect(abs(averaged[row] - expected) < 1e-12)
        }
        let expectedBase = ensembles.reduce(0) { $0 + $1.expectedMargin } / 3
        #expect(abs(mean.expectedMargin - expectedBase) < 1e-12)
        for row in stride(from: 0, to: 400, by: 37) {
            let values = Array(data.values[(row * 6)..<((row + 1) * 6)])
            var phi = [Double](repeating: 0, count: 6)
            values.withUnsafeBufferPointer { buffer in
                for tree in mean.trees { TreeSHAP.accumulate(tree, row: buffer, into: &phi) }
            }
            #expect(abs(mean.expectedMargin + phi.reduce(0, +) - averaged[row]) < 1e-9)
        }
    }

    @Test func aSubsetOfSharedBinsEqualsBinningTheSubsetWithTheSameBounds() {
        let data = Self.matrix(rows: 300, columns: 5, seed: 9)
        let all = FeatureBins(data, maximumBins: 16)
        let rows = Array(stride(from: 1, to: 300, by: 3))
        let subset = all.rows(rows)
        let direct = FeatureBins(data.rows(rows), maximumBins: 16)
        #expect(subset.rowCount == rows.count)
        #expect(subset.upperBounds == all.upperBounds)
        for (index, row) in rows.enumerated() {
            for column in 0..<5 {
                let code = subset.codes[index * 5 + column]
                #expect(code == all.codes[row * 5 + column])
                #expect(subset.columnCodes[column * rows.count + index] == code)
                // Binning the subset alone may cut other bounds; a value's bin still holds it.
                let value = data.values[row * 5 + column]
                if value.isNaN {
                    #expect(Int(code) == subset.binCounts[column])
                } else {
                    #expect(value <= subset.upperBounds[column][Int(code)])
                }
            }
        }
        #expect(direct.rowCount == subset.rowCount)
    }

    @Test func theServedTreesAreTheFoldsAverageOrARefitAndDoNotDependOnThreads() throws {
        let (rows, labels) = SyntheticDeals.make(count: 1500, seed: 31)
        let boosting = BoostingParameters(trees: 30)
        func train(_ finalModel: FinalModel?, threads: Int?) throws -> ScoringModel {
            try ModelTrainer(
                options: TrainingOptions(
                    kind: .gbdt, boosting: boosting, finalModel: finalModel, threads: threads)
            ).train(rows: rows, labels: labels)
        }
        let averaged = try train(nil, threads: nil)
        #expect(averaged.training.finalModel == .foldAverage)
        #expect(averaged.parameters.trees?.trees.count == 3 * 30)
        for threads in [1, 2] {
            #expect(try train(nil, threads: threads).parameters == averaged.parameters)
        }
        let refitted = try train(.refit, threads: 2)
        #expect(refitted.training.finalModel == .refit)
        #expect(refitted.parameters.trees?.trees.count == 30)
        #expect(try train(.refit, threads: 1).parameters == refitted.parameters)
        // Both are calibrated by the same held-out predictions: the calibrator is the same.
        #expect(refitted.calibrator == averaged.calibrator)
        // A logistic model is always refitted, whatever is asked.
        let logistic = try ModelTrainer(options: TrainingOptions(kind: .logistic, finalModel: .foldAverage))
            .train(rows: rows, labels: labels)
        #expect(logistic.training.finalModel == .refit)
    }

    @Test func theInnerFoldsChooseTheLeafCountAnInteractionNeeds() throws {
        // Won when exactly one of two signals is high: stumps (2 leaves) add up main effects and cannot
        // learn it; deeper trees can.
        var random = SeededRandomNumberGenerator(seed: 41)
        var rows: [[String: FeatureValue]] = []
        var labels: [Bool] = []
        for _ in 0..<1200 {
            let a = Double(random.next() % 1000) / 1000
            let b = Double(random.next() % 1000) / 1000
            let noise = random.next() % 10 == 0
            labels.append(((a > 0.5) != (b > 0.5)) != noise)
            rows.append(["a": .number(a), "b": .number(b)])
        }
        let options = TrainingOptions(kind: .gbdt, boosting: BoostingParameters(trees: 40), leafCandidates: [2, 8])
        let model = try ModelTrainer(options: options).train(rows: rows, labels: labels)
        #expect(model.training.leaves == 8)
        #expect(model.training.leavesChoice == "inner-cv")
        // The served trees are the chosen candidate's: the folds' 8-leaf trees, averaged.
        let trees = try #require(model.parameters.trees?.trees)
        #expect(trees.count == 3 * 40)
        #expect(trees.contains { tree in (0..<tree.nodeCount).filter(tree.isLeaf).count > 2 })
        let refit = try ModelTrainer(
            options: TrainingOptions(
                kind: .gbdt, boosting: BoostingParameters(trees: 40), leafCandidates: [2, 8], finalModel: .refit)
        ).train(rows: rows, labels: labels)
        #expect(refit.training.leaves == 8)
        #expect(refit.parameters.trees?.trees.count == 40)
    }
}
