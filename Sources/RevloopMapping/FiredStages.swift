internal import RevloopCore

/// The stages of a deal that fire a goal, in the order they were entered, as a sequence.
///
/// Each stage fires at most once, at its first entry: a regression and a later re-entry never fire a
/// conversion again (its dedup key would be the same anyway). It keeps only the history, the pipeline's
/// stages and the trigger (not the whole deal and goal), so iterating copies three references, not thirty.
public struct FiredStages: Sequence, IteratorProtocol {
    private let history: [StageTransition]
    private let stages: [PipelineStage]
    private let trigger: MappingConfig.Trigger
    private var position = 0

    public init(context: DealContext, goal: ConversionGoal) {
        let applies = goal.pipelines.isEmpty || goal.pipelines.contains(context.deal.pipelineID)
        history = applies ? context.deal.stageHistory : []
        stages = context.pipeline?.stages ?? []
        trigger = goal.trigger
    }

    public mutating func next() -> FiredStage? {
        while position < history.count {
            let transition = history[position]
            let earlier = history[..<position]
            position += 1
            // Histories are short: looking back beats hashing every stage id into a set.
            if earlier.contains(where: { $0.stageID == transition.stageID }) { continue }
            let metadata = stages.first { $0.id == transition.stageID }
            let matches: Bool
            switch trigger {
            case .everyStage: matches = true
            case .closedWon: matches = metadata?.isWon == true
            // By stage id, or by the stage's label in its pipeline ("Closed won").
            case .stages(let ids):
                matches = ids.contains(transition.stageID) || metadata.map { ids.contains(StageID($0.label)) } == true
            }
            guard matches else { continue }
            return FiredStage(
                stageID: transition.stageID, label: metadata?.label ?? transition.stageID.rawValue,
                enteredAt: transition.enteredAt, isWon: metadata?.isWon == true,
                crmProbability: metadata?.winProbability ?? 0)
        }
        return nil
    }
}
