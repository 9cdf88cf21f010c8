internal import Foundation
internal import RevloopCore
internal import RevloopMapping
internal import RevloopScoring
internal import RevloopStore

/// The active deal-win model as the planner's `WinProbabilityEstimator`: a deal's features as of the
/// moment its stage was entered, through the model, calibrated.
struct ActiveModelEstimator: WinProbabilityEstimator {
    static let purpose = ScoringPurpose.deal.registryName

    let model: ScoringModel
    let version: String

    func winProbability(of context: DealContext, at time: Timestamp) -> EstimatedWinProbability? {
        let row = DealFeatures.row(of: DealSnapshots.snapshot(of: context), asOf: time)
        let probability = model.probability(for: row)
        guard probability.isFinite else { return nil }
        return EstimatedWinProbability(probability: probability, modelVersion: version)
    }

    /// The estimator for a plan of `goals`: `nil` without `predicted` goals; otherwise the active model, or
    /// `nil` with a note saying stage probability values them.
    static func forGoals(_ goals: [ConversionGoal], store: any ModelRegistry, output: Output) async throws
        -> ActiveModelEstimator?
    {
        guard goals.contains(where: { $0.valuePolicy == .predicted }) else { return nil }
        let (estimator, note) = try await load(from: store)
        if let note { output.error("note: \(note)") }
        return estimator
    }

    /// The active model, when there is one and it is not stopped; otherwise `nil` (goals fall back to stage
    /// probability), with the reason in `note`.
    static func load(from registry: any ModelRegistry) async throws -> (estimator: ActiveModelEstimator?, note: String?)
    {
        guard let stored = try await registry.activeModel(purpose: purpose) else {
            return (nil, "no active scoring model: `predicted` goals are valued by stage probability")
        }
        if let reason = stored.stoppedReason {
            return (
                nil,
                "scoring model \(stored.version) is stopped (\(reason)): stage probability values `predicted` goals"
            )
        }
        do {
            let model = try ScoringModel.decode(json: Data(stored.document.utf8))
            return (ActiveModelEstimator(model: model, version: stored.version), nil)
        } catch {
            return (
                nil,
                "scoring model \(stored.version) cannot be read (\(error)): stage probability values `predicted` goals"
            )
        }
    }
}
