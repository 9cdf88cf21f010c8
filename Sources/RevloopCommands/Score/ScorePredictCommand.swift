internal import ArgumentParser
internal import Foundation
internal import RevloopScoring

/// `revloop score predict`: scores every row of a CSV file with a trained model.
struct ScorePredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score every row of a CSV file: probability, 0-100 score, and optionally the top factors.",
        discussion: """
            Writes the input CSV with two more columns: probability (calibrated win probability) and score \
            (round(100 x probability)). With --explain N, a top_factors column lists the N features that moved \
            the score most, e.g. "industry = SaaS: +12; employees = 40: -5". Points are the feature's share of \
            the score's move from the baseline score (a row the model knows nothing particular about), so the \
            points of all features add up to score minus baseline.

            The file needs every column the model was trained on (an empty cell is missing; a category the \
            model never saw counts for nothing); other columns pass through unchanged.

            Example:
              revloop score predict --model model.json --csv open-deals.csv --explain 3 --out scored.csv
            """)

    @Option(help: "The model JSON written by `revloop score train --out`.")
    var model: String

    @Option(help: "The CSV file to score, with a header line.")
    var csv: String

    @Option(help: "Write the scored CSV here instead of stdout.")
    var out: String?

    @Option(help: "Add a top_factors column with this many features per row.")
    var explain: Int = 0

    func validate() throws {
        guard explain >= 0 else { throw ValidationError("--explain must be zero or more") }
    }

    func run() async throws {
        let output = Output(progress: false)
        do {
            try predict(output)
        } catch {
            output.error(error.description)
            throw ExitStatus.runFailed
        }
    }

    private func predict(_ output: Output) throws(ScoreCommandError) {
        guard let data = FileManager.default.contents(atPath: model) else {
            throw ScoreCommandError("\(model): error: cannot read the model file. Fix: check the path.")
        }
        let scoring: ScoringModel
        do {
            scoring = try ScoringModel.decode(json: data)
        } catch let error as ScoringError {
            throw ScoreCommandError("\(model): error: \(error.description)")
        } catch {
            throw ScoreCommandError(
                "\(model): error: not a revloop model file (\(error)). Fix: give the JSON written by "
                    + "`revloop score train --out`.")
        }
        let file = try ScoreCSVFile(path: csv)
        let table = try ScoreCSVTable.make(file, schema: scoring.schema)
        let probabilities = scoring.probabilities(table)
        var text = ScoreCSVFile.line(file.header + ["probability", "score"] + (explain > 0 ? ["top_factors"] : []))
        text += "\n"
        for (index, record) in file.records.enumerated() {
            let probability = probabilities[index]
            var fields =
                record + [String(format: "%.6f", probability), String(ScoringModel.score(probability: probability))]
            if explain > 0 {
                fields.append(scoring.explain(table.row(index), top: explain).lines.joined(separator: "; "))
            }
            text += ScoreCSVFile.line(fields) + "\n"
        }
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ScoreCommandError(
                    "\(out): error: cannot write the scored file (\(error)). Fix: check the directory.")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
