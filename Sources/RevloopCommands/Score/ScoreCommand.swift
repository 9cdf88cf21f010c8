internal import ArgumentParser

/// `revloop score`: win-probability models trained on closed outcomes, and their drift monitors.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Train, apply and monitor win-probability models (0-100 scores with their top factors).",
        discussion: """
            The project's deal model (behind `predicted` goals) is trained from the store, versioned in it, and \
            one model is active at a time: `score train`, `score list`, `score activate VERSION`, \
            `score explain DEAL`, `score monitor`. The same models also train on any CSV file.

            A score is round(100 x the calibrated probability that the deal closes won): 30 means about 30 in \
            100 such deals are won. Models learn from closed outcomes only (won against lost), never from \
            milestones such as meetings booked.

              revloop score train --activate
              revloop score explain d-42
              revloop score train --csv deals.csv --label won --model logistic --out model.json
              revloop score predict --model model.json --csv open-deals.csv --explain 3 --out scored.csv
              revloop score monitor --reference train-scored.csv --current scored.csv --score probability
            """,
        subcommands: [
            ScoreTrainCommand.self, ScorePredictCommand.self, ScoreListCommand.self, ScoreActivateCommand.self,
            ScoreExplainCommand.self, ScoreMonitorCommand.self,
        ])
}
