internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization
internal import RevloopScoring
internal import RevloopStore

/// Profiles with the scoring model's lead score: a visitor whose person has open CRM deals gets the best of
/// their scores from the active deal model (as of entering their current stages), so ranking reads the
/// same scores `predicted` goals send. A score set by hand (`lead_score` in the store) is kept; without an
/// active model, or open deals, profiles are as the store gives them.
struct ScoredProfileSource: ProfileSource {
    let base: any ProfileSource
    let store: SQLiteStore
    let model: ScoringModel

    func profile(visitorID: String) async throws -> VisitorProfile {
        var profile = try await base.profile(visitorID: visitorID)
        guard profile.leadScore == nil, !profile.openDeals.isEmpty else { return profile }
        // The open deals by connector, so each connector's pipelines and deals are read once.
        var byConnector: [ConnectorName: [DealID]] = [:]
        for reference in profile.openDeals.prefix(5) {
            guard let slash = reference.firstIndex(of: "/") else { continue }
            byConnector[ConnectorName(String(reference[..<slash])), default: []].append(
                DealID(String(reference[reference.index(after: slash)...])))
        }
        var best: Double?
        for (connector, ids) in byConnector {
            var deals: [Deal] = []
            for id in ids { if let deal = try await store.deal(connector: connector, id: id) { deals.append(deal) } }
            let pipelines = Dictionary(
                try await store.pipelines(connector: connector).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for snapshot in try await DealSnapshots.load(
                deals, connector: connector, pipelines: pipelines, store: store)
            {
                let probability = model.probability(
                    for: DealFeatures.row(of: snapshot, asOf: snapshot.currentStageEnteredAt))
                if probability.isFinite { best = max(best ?? 0, probability) }
            }
        }
        if let best { profile.leadScore = (100 * best).rounded() }
        return profile
    }
}
