public import Foundation

/// A trained, calibrated win-probability model: what the registry stores (as JSON) and what scoring calls.
///
/// `probability(for:)` is calibrated; `score(for:)` is round(100 × probability), so a score of 30 means
/// about 30 in 100 such deals close won. `explain` gives the top factors in words.
public struct ScoringModel: Codable, Hashable, Sendable {
    /// The JSON layout version this code writes and reads.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var kind: ModelKind
    public var schema: FeatureSchema { encoder.schema }
    public var encoder: FeatureEncoder
    public var parameters: ModelParameters
    public var calibrator: ProbabilityCalibrator
    public var training: TrainingSummary

    public init(
        kind: ModelKind, encoder: FeatureEncoder, parameters: ModelParameters, calibrator: ProbabilityCalibrator,
        training: TrainingSummary
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.kind = kind
        self.encoder = encoder
        self.parameters = parameters
        self.calibrator = calibrator
        self.training = training
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion, kind, encoder, parameters, calibrator, training
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == Self.currentFormatVersion else {
            throw ScoringError(
                .unsupportedModel,
                "model format version \(version) is not supported (this revloop reads version "
                    + "\(Self.currentFormatVersion)). Fix: retrain the model with this version of revloop.")
        }
        formatVersion = version
        kind = try container.decode(ModelKind.self, forKey: .kind)
        encoder = try container.decode(FeatureEncoder.self, forKey: .encoder)
        parameters = try container.decode(ModelParameters.self, forKey: .parameters)
        calibrator = try container.decode(ProbabilityCalibrator.self, forKey: .calibrator)
        training = try container.decode(TrainingSummary.self, forKey: .training)
        let valid =
            switch kind {
            case .logistic: parameters.logistic?.coefficients.count == encoder.columns.count
            case .gbdt: parameters.trees != nil
            }
        guard valid else {
            throw ScoringError(
                .unsupportedModel, "the model's parameters do not match its kind and encoder. Fix: retrain it.")
        }
    }

    /// Reads a model from its JSON.
    public static func decode(json: Data) throws -> ScoringModel {
        try JSONDecoder().decode(ScoringModel.self, from: json)
    }

    /// The model as stable, pretty JSON (sorted keys, so equal models give equal bytes).
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    // MARK: Prediction

    /// The raw log-odds of an encoded row, before calibration.
    public func rawMargin(encoded row: [Double]) -> Double {
        if let logistic = parameters.logistic { return logistic.margin(row) }
        return parameters.trees?.margin(row) ?? 0
    }

    /// The raw log-odds for a row keyed by feature name.
    public func rawMargin(for row: [String: FeatureValue]) -> Double { rawMargin(encoded: encoder.encode(row)) }

    /// The calibrated probability that the deal or lead closes won.
    public func probability(for row: [String: FeatureValue]) -> Double {
        calibrator.probability(margin: rawMargin(for: row))
    }

    /// The 0–100 score: round(100 × calibrated probability).
    public func score(for row: [String: FeatureValue]) -> Int { Self.score(probability: probability(for: row)) }

    public static func score(probability: Double) -> Int { Int((100 * probability).rounded()) }

    /// Raw margins for the rows `rows` of `table` (all when `nil`); its schema must be the model's.
    public func rawMargins(_ table: FeatureTable, rows: [Int]? = nil) -> [Double] {
        let matrix = encoder.encode(table, rows: rows)
        if let logistic = parameters.logistic { return logistic.margins(matrix) }
        return parameters.trees?.margins(matrix) ?? []
    }

    /// Calibrated probabilities for the rows `rows` of `table` (all when `nil`).
    public func probabilities(_ table: FeatureTable, rows: [Int]? = nil) -> [Double] {
        rawMargins(table, rows: rows).map(calibrator.probability(margin:))
    }

    // MARK: Explanation

    /// Per encoded column contributions to the raw margin, and the base value they start from:
    /// coefficient × encoded value and the intercept (linear), or TreeSHAP and the expected margin (trees).
    public func columnContributions(encoded row: [Double]) -> (base: Double, contributions: [Double]) {
        if let logistic = parameters.logistic {
            return (logistic.intercept, zip(logistic.coefficients, row).map { $0 * $1 })
        }
        guard let trees = parameters.trees else { return (0, []) }
        var phi = [Double](repeating: 0, count: row.count)
        row.withUnsafeBufferPointer { buffer in
            for tree in trees.trees { TreeSHAP.accumulate(tree, row: buffer, into: &phi) }
        }
        return (trees.expectedMargin, phi)
    }

    /// The row's score, its base value, and every feature's contribution (one-hot columns and the missing
    /// indicator of a feature summed), with sentences for the `top` largest.
    public func explain(_ row: [String: FeatureValue], top: Int = 5) -> Explanation {
        let encoded = encoder.encode(row)
        let margin = rawMargin(encoded: encoded)
        let (base, columns) = columnContributions(encoded: encoded)
        var perFeature = [Double](repeating: 0, count: schema.features.count)
        for (column, value) in zip(encoder.columns, columns) { perFeature[column.feature] += value }
        let probability = calibrator.probability(margin: margin)
        let baseline = 100 * calibrator.probability(margin: base)
        let move = 100 * probability - baseline
        let total = perFeature.reduce(0, +)
        var contributions: [FeatureContribution] = []
        for (index, spec) in schema.features.enumerated() {
            let logOdds = perFeature[index]
            let points = total != 0 ? move * logOdds / total : 0
            let value = Self.describe(row[spec.name] ?? .missing)
            contributions.append(
                FeatureContribution(
                    feature: spec.name, value: value, logOdds: logOdds, points: points,
                    line: "\(spec.name) = \(value): \(Self.signedPoints(points, logOdds: logOdds))"))
        }
        contributions.sort {
            abs($0.logOdds) != abs($1.logOdds) ? abs($0.logOdds) > abs($1.logOdds) : $0.feature < $1.feature
        }
        return Explanation(
            baseValue: base, rawMargin: margin, probability: probability, score: Self.score(probability: probability),
            baselineScore: baseline, contributions: contributions,
            lines: contributions.prefix(max(top, 0)).map(\.line))
    }

    static func describe(_ value: FeatureValue) -> String {
        switch value {
        case .number(let number) where number.isFinite:
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(format: "%.4g", number)
        case .category(let name): return name
        case .number, .missing: return "(missing)"
        }
    }

    /// "+12", "-3", or "+0"/"-0" for a contribution under half a point (its sign still says which way).
    static func signedPoints(_ points: Double, logOdds: Double) -> String {
        let rounded = Int(abs(points).rounded())
        return (logOdds < 0 || (logOdds == 0 && points < 0) ? "-" : "+") + String(rounded)
    }
}
