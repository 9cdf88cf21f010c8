internal import Foundation
internal import RevloopScoring

/// The features of a CSV file as a `FeatureTable`: numbers where every non-empty value parses as one,
/// categories otherwise (or when forced), empty cells missing.
enum ScoreCSVTable {
    /// Infers each column's kind from the file (training).
    static func make(
        _ file: ScoreCSVFile, featureColumns: [Int], forcedCategorical: Set<String>
    ) -> FeatureTable {
        var specs: [FeatureSpec] = []
        var columns: [[FeatureValue]] = []
        for column in featureColumns {
            let name = file.header[column]
            let texts = file.records.map { $0[column].trimmingCharacters(in: .whitespaces) }
            let isNumeric =
                !forcedCategorical.contains(name)
                && texts.allSatisfy { $0.isEmpty || (Double($0).map { $0.isFinite } ?? false) }
            specs.append(FeatureSpec(name: name, kind: isNumeric ? .numeric : .categorical))
            columns.append(
                texts.map { text in
                    if text.isEmpty { return .missing }
                    if isNumeric, let number = Double(text) { return .number(number) }
                    return .category(text)
                })
        }
        return FeatureTable(schema: FeatureSchema(features: specs), columns: columns)
    }

    /// Reads the columns a trained model needs, with the kinds it was trained on (scoring); a number that
    /// does not parse is an error naming the file, line and column.
    static func make(_ file: ScoreCSVFile, schema: FeatureSchema) throws(ScoreCommandError) -> FeatureTable {
        let absent = schema.features.map(\.name).filter { !file.header.contains($0) }
        guard absent.isEmpty else {
            let shown = absent.prefix(8).joined(separator: ", ") + (absent.count > 8 ? ", …" : "")
            throw ScoreCommandError(
                "\(file.path):1: error: the model needs column\(absent.count == 1 ? "" : "s") \(shown), which the "
                    + "header lacks. Fix: add \(absent.count == 1 ? "it" : "them") (an empty value is read as "
                    + "missing), or score with a model trained on this file's columns.")
        }
        var columns: [[FeatureValue]] = []
        for spec in schema.features {
            let index = try file.column(spec.name, option: "the model")
            var values: [FeatureValue] = []
            values.reserveCapacity(file.records.count)
            for (record, line) in zip(file.records, file.lines) {
                let text = record[index].trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    values.append(.missing)
                } else if spec.kind == .categorical {
                    values.append(.category(text))
                } else if let number = Double(text), number.isFinite {
                    values.append(.number(number))
                } else {
                    throw ScoreCommandError(
                        "\(file.path):\(line): error: column '\(spec.name)' holds a value that is not a number, "
                            + "but the model was trained on it as a number. Fix: write a number (a dot for the "
                            + "decimal point), leave it empty for missing, or retrain with --categorical \(spec.name).")
                }
            }
            columns.append(values)
        }
        return FeatureTable(schema: schema, columns: columns)
    }
}
