internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization
internal import RevloopScoring
internal import RevloopStore

/// Profiles with the scoring models' lead score. A visitor whose person has open CRM deals gets the best of
/// their scores from the active deal model (as of entering their current stages), so ranking reads the same
/// scores `predicted` goals send. A known person with no open deal gets the active lead model's score (as of
/// the moment they became a lead, the question that model was trained on). A score set by hand
/// (`lead_score` in the store) is kept; without the model a rule needs, profiles are as the store gives them.
struct ScoredProfileSource: ProfileSource {
    let base: any ProfileSource
    let store: SQLiteStore
    /// The active deal model, for people with open deals.
    var dealModel: ScoringModel?
    /// The active lead model, for known people with no open deal.
    var leadModel: ScoringModel?

    /// `base` with the active (not stopped) deal and lead models of `store`; `base` itself when neither is.
    static func make(base: any ProfileSource, store: SQLiteStore) async throws -> any ProfileSource {
        let deal = try await ActiveModelEstimator.load(from: store).estimator?.model
        var lead: ScoringModel?
        if let stored = try await store.activeModel(purpose: ScoringPurpose.lead.registryName),
            stored.stoppedReason == nil
        {
            lead = try? ScoringModel.decode(json: Data(stored.document.utf8))
        }
        guard deal != nil || lead != nil else { return base }
        return ScoredProfileSource(base: base, store: store, dealModel: deal, leadModel: lead)
    }

    func profile(visitorID: String) async throws -> VisitorProfile {
        var profile = try await base.profile(visitorID: visitorID)
        guard profile.leadScore == nil else { return profile }
        if !profile.openDeals.isEmpty {
            if let dealModel { profile.leadScore = try await bestDealScore(of: profile, model: dealModel) }
        } else if let leadModel {
            profile.leadScore = try await leadScore(of: profile, model: leadModel)
        }
        return profile
    }

    private func bestDealScore(of profile: VisitorProfile, model: ScoringModel) async throws -> Double? {
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
        return best.map { (100 * $0).rounded() }
    }

    /// The lead model's score of the visitor's person, through any of their CRM records; `nil` for a visitor
    /// no CRM record is linked to (an anonymous visitor is not a lead).
    private func leadScore(of profile: VisitorProfile, model: ScoringModel) async throws -> Double? {
        var records = LeadSnapshots.Record(identifier: profile.visitorID).map { [$0] } ?? []
        if records.isEmpty, let person = profile.personID {
            records = try await store.identifiers(inPersons: [person]).sorted().compactMap(
                LeadSnapshots.Record.init(identifier:))
        }
        guard let record = records.first,
            let lead = try await LeadSnapshots.lead(connector: record.connector, contact: record.contact, store: store),
            let asOf = lead.becameLeadAt
        else { return nil }
        let probability = model.probability(for: LeadFeatures.row(of: lead, asOf: asOf))
        return probability.isFinite ? (100 * probability).rounded() : nil
    }
}
