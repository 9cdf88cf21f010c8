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
        var best: Double?
        for reference in profile.openDeals.prefix(5) {
            guard let slash = reference.firstIndex(of: "/") else { continue }
            let connector = ConnectorName(String(reference[..<slash]))
            let id = DealID(String(reference[reference.index(after: slash)...]))
            guard let deal = try await store.deal(connector: connector, id: id) else { continue }
            let pipelines = Dictionary(
                try await store.pipelines(connector: connector).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            guard
                let snapshot = try await DealSnapshots.load(
                    [deal], connector: connector, pipelines: pipelines, store: store
                ).first
            else { continue }
            let asOf = deal.stageHistory.last { $0.stageID == deal.stageID }?.enteredAt ?? deal.createdAt
            let probability = model.probability(for: DealFeatures.row(of: snapshot, asOf: asOf))
            if probability.isFinite { best = max(best ?? 0, probability) }
        }
        if let best { profile.leadScore = (100 * best).rounded() }
        return profile
    }
}
