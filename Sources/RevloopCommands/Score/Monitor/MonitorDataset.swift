internal import Foundation
internal import RevloopScoring

/// A CSV table read as the drift monitor sees it: feature columns, calibrated probabilities, outcomes.
struct MonitorDataset {
    let batch: DriftBatch
    let path: String

    /// How the score column is written.
    enum ScoreScale: String, CaseIterable {
        /// Probabilities in [0, 1] unless a value is above 1, then points in [0, 100].
        case auto
        case probability
        /// 0-100 points; divided by 100 (losing the precision the rounding took).
        case points
    }

    /// Which columns are numeric: decided on the reference, then applied to the current file.
    typealias ColumnKinds = [String: Bool]

    /// Reads `table`: `scoreColumn` as probabilities, `labelColumn` (if any) as outcomes, and `features`.
    /// `numericColumns` (from the reference) fixes each feature's kind; `nil` decides it from this table.
    init(
        table: ScoreCSVFile, scoreColumn: String, scale: ScoreScale, labelColumn: String?, features: [String],
        numericColumns: ColumnKinds?
    ) throws(ScoreCommandError) {
        path = table.path
        let scoreIndex = try table.column(scoreColumn, option: "--score")
        var numbers: [Double] = []
        numbers.reserveCapacity(table.records.count)
        for (row, text) in table.records.map({ $0[scoreIndex] }).enumerated() {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ScoreCommandError(
                    "\(table.path):\(table.lines[row]): error: score '\(text.prefix(20))' in column '\(scoreColumn)' is not a "
                        + "number; score every row with `revloop score predict` before monitoring")
            }
            numbers.append(value)
        }
        let isPoints: Bool
        switch scale {
        case .probability: isPoints = false
        case .points: isPoints = true
        case .auto: isPoints = numbers.contains { $0 > 1 }
        }
        let limit = isPoints ? 100.0 : 1.0
        if let row = numbers.firstIndex(where: { $0 < 0 || $0 > limit }) {
            throw ScoreCommandError(
                "\(table.path):\(table.lines[row]): error: score \(numbers[row]) in column '\(scoreColumn)' is outside "
                    + "[0, \(Int(limit))]; pass the calibrated probability column (or --score-scale points for 0-100)")
        }
        let probabilities = isPoints ? numbers.map { $0 / 100 } : numbers

        var outcomes: [Bool]?
        if let labelColumn {
            let labelIndex = try table.column(labelColumn, option: "--label")
            var values: [Bool] = []
            for (row, text) in table.records.map({ $0[labelIndex] }).enumerated() {
                guard let outcome = Self.outcome(text) else {
                    throw ScoreCommandError(
                        "\(table.path):\(table.lines[row]): error: label '\(text.prefix(20))' in column '\(labelColumn)' is not "
                            + "a closed outcome; use 1/0, true/false, yes/no or won/lost, and leave open deals out")
                }
                values.append(outcome)
            }
            outcomes = values
        }

        var columns: [FeatureColumn] = []
        for name in features {
            let index = try table.column(name, option: "--features")
            let texts = table.records.map { $0[index].trimmingCharacters(in: .whitespaces) }
            let isNumeric = numericColumns?[name] ?? Self.isNumeric(texts)
            let values: [FeatureValue] = texts.map { text in
                if Self.isMissing(text) { return .missing }
                if isNumeric {
                    guard let number = Double(text), number.isFinite else { return .missing }
                    return .number(number)
                }
                return .category(text)
            }
            columns.append(FeatureColumn(name: name, values: values))
        }
        batch = DriftBatch(features: columns, probabilities: probabilities, outcomes: outcomes)
    }

    /// Each feature's kind: numeric when every present value is a number.
    var numericColumns: ColumnKinds {
        var kinds: ColumnKinds = [:]
        for column in batch.features {
            kinds[column.name] = !column.values.contains { if case .category = $0 { true } else { false } }
        }
        return kinds
    }

    static func isMissing(_ text: String) -> Bool {
        text.isEmpty || ["na", "nan", "null", "none"].contains(text.lowercased())
    }

    static func isNumeric(_ texts: [String]) -> Bool {
        texts.allSatisfy { isMissing($0) || Double($0) != nil }
    }

    static func outcome(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "1.0", "true", "yes", "won", "closed_won", "closedwon": true
        case "0", "0.0", "false", "no", "lost", "closed_lost", "closedlost": false
        default: nil
        }
    }
}
