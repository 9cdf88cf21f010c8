internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// The training rows for the deal win-probability model, from the store: one row per deal that closed
/// (won, or lost; a refund is a loss) inside the window, its features cut at a point of its open life
/// (`DealFeatures.trainingCut`), its label the closed outcome. Open deals are never labels: a model
/// trained on anything but closed revenue would teach the ad platforms to find the wrong people.
struct DealTrainingSet: LabelledTrainingSet {
    var dealIDs: [String] = []
    var rows: [[String: FeatureValue]] = []
    var labels: [Bool] = []
    var cuts: [Timestamp] = []
    /// Whether a meeting was booked by the cut (the common wrong label), for the label check.
    var hadMeeting: [Bool] = []
    /// Closed deals left out because they closed outside the window, or have no time between open and close.
    var outsideWindow = 0

    static let purpose = ScoringPurpose.deal
    var fingerprint: String { Self.fingerprint(ids: dealIDs, rows: rows, labels: labels) }

    /// Reads every connector's deals from the store, a page at a time.
    static func load(
        store: any SnapshotStore, connectors: [ConnectorConfig], windowStart: Timestamp, windowEnd: Timestamp
    ) async throws -> DealTrainingSet {
        var set = DealTrainingSet()
        for connector in connectors {
            let pipelines = Dictionary(
                try await store.pipelines(connector: connector.name).map { ($0.id, $0) },
                uniquingKeysWith: { a, _ in a })
            var after: DealID?
            while true {
                let deals = try await store.deals(connector: connector.name, after: after, limit: 2_000)
                guard let last = deals.last else { break }
                after = last.id
                let snapshots = try await DealSnapshots.load(
                    deals, connector: connector.name, pipelines: pipelines, store: store)
                for snapshot in snapshots {
                    guard let outcome = snapshot.closedOutcome, let closedAt = snapshot.closedAt else { continue }
                    guard closedAt >= windowStart, closedAt < windowEnd,
                        let cut = DealFeatures.trainingCut(of: snapshot)
                    else {
                        set.outsideWindow += 1
                        continue
                    }
                    set.dealIDs.append(connector.name.rawValue + "/" + snapshot.deal.id.rawValue)
                    set.rows.append(DealFeatures.row(of: snapshot, asOf: cut))
                    set.labels.append(outcome)
                    set.cuts.append(cut)
                    set.hadMeeting.append(
                        snapshot.activities.contains { $0.kind == .meetingBooked && $0.occurredAt < cut })
                }
            }
        }
        return set
    }
}
