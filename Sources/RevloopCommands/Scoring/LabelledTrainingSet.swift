internal import Foundation
internal import RevloopCore
internal import RevloopIdentity
internal import RevloopScoring
internal import RevloopStore

/// Rows a registry model learns from, whatever it scores (deals, leads): features cut at a moment, the
/// closed outcome as the label, the cut times for time-ordered validation, and whether a meeting was booked
/// (the common wrong label) for the label check.
protocol LabelledTrainingSet: Sendable {
    var rows: [[String: FeatureValue]] { get }
    var labels: [Bool] { get }
    /// Where each row was cut: time-ordered validation trains on earlier cuts and checks later ones.
    var cuts: [Timestamp] { get }
    /// Whether each row's deal or lead had a meeting booked, for `LabelCheck`.
    var hadMeeting: [Bool] { get }
    /// The same data, the same fingerprint, so a retrain on unchanged data is recognisable.
    var fingerprint: String { get }
    /// What a model trained on these rows predicts.
    static var purpose: ScoringPurpose { get }
    /// Reads every connector's rows from the store, labelled by the outcomes closed in the window.
    static func load(
        store: any SnapshotStore, connectors: [ConnectorConfig], windowStart: Timestamp, windowEnd: Timestamp
    ) async throws -> Self
}

extension LabelledTrainingSet {
    var positives: Int { labels.filter { $0 }.count }

    /// SHA-256 over the rows in id order (features by name, then the label).
    static func fingerprint(ids: [String], rows: [[String: FeatureValue]], labels: [Bool]) -> String {
        var text = ""
        for (index, row) in rows.enumerated() {
            text += ids[index]
            for name in row.keys.sorted() {
                switch row[name] {
                case .number(let value): text += "|\(name)=\(value)"
                case .category(let value): text += "|\(name)=\(value)"
                case .missing, nil: text += "|\(name)=?"
                }
            }
            text += labels[index] ? "|1\n" : "|0\n"
        }
        return SHA256.hex(text)
    }
}
