public import RevloopCore

/// What the store knows about one deal, for scoring: the deal with its pipeline, its company and every
/// activity of its contacts. Features are cut from it as of a moment (`DealFeatures`), never from the
/// whole of it, so nothing after a prediction's time can leak into it.
public struct DealSnapshot: Hashable, Sendable {
    public var deal: Deal
    public var pipeline: Pipeline?
    public var company: Company?
    /// The activities of all the deal's contacts, in any order.
    public var activities: [Activity]

    public init(deal: Deal, pipeline: Pipeline?, company: Company?, activities: [Activity]) {
        self.deal = deal
        self.pipeline = pipeline
        self.company = company
        self.activities = activities
    }

    /// The stage the deal was in at `time` (`nil` before it was created).
    public func stage(at time: Timestamp) -> StageID? {
        deal.stageHistory.last { $0.enteredAt <= time }?.stageID
            ?? (deal.createdAt <= time ? deal.stageHistory.first?.stageID : nil)
    }

    /// The closed outcome now: `true` won, `false` lost (a refund is a loss), `nil` open or deleted.
    public var closedOutcome: Bool? {
        guard !deal.isDeleted, let stage = pipeline?.stages.first(where: { $0.id == deal.stageID }), stage.isClosed
        else { return nil }
        return stage.isWon && deal.lostReason != "refunded"
    }

    /// When the deal last entered its current stage (its creation, without a history): the moment a
    /// `predicted` goal asks about an open deal's score.
    public var currentStageEnteredAt: Timestamp {
        deal.stageHistory.last { $0.stageID == deal.stageID }?.enteredAt ?? deal.createdAt
    }

    /// When the deal entered its current (closed) stage.
    public var closedAt: Timestamp? {
        guard closedOutcome != nil else { return nil }
        return deal.stageHistory.last { $0.stageID == deal.stageID }?.enteredAt
    }
}
