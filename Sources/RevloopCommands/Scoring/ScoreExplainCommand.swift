internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopScoring
internal import RevloopStore

/// `revloop score explain DEAL` (or `--lead CONTACT`): a deal's or a lead's score and the features that moved
/// it, in words.
struct ScoreExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a deal's (or, with --lead, a person's) 0-100 score and the features that raised or lowered it.",
        discussion: """
            The score is 100 x the calibrated win probability, so 40 means about 4 in 10 such deals close won. Each \
            line is a feature's share of the move from the model's baseline score, in score points: exact for the \
            logistic model (coefficient x standardized value), TreeSHAP for the trees. Features are taken as of \
            the moment the deal entered its current stage (for a closed deal, the moment its training row was cut).

            With --lead CONTACT, explains the active lead model's score of the person the contact belongs to \
            (their records joined through the identity graph), as of the moment they became a lead: about how \
            many in 100 such leads go on to closed-won revenue.

            Examples:
              revloop score explain d-42
              revloop score explain d-42 --top 8 --format json
              revloop score explain d-42 --model deal-win-20261129-1
              revloop score explain --lead ct-17
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The deal id, as the CRM has it.")
    var deal: String?

    @Option(help: "A contact id instead of a deal: explains the lead model's score of that person.")
    var lead: String?

    @Option(help: "The connector the deal comes from (default: the first that has it).")
    var connector: String?

    @Option(help: "A model version instead of the active one.")
    var model: String?

    @Option(help: "How many features to list.")
    var top = 5

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (deal == nil) != (lead == nil) else {
            throw ValidationError(
                "name a deal (`score explain d-42`) or a lead (`score explain --lead ct-17`), not both")
        }
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let purpose: ScoringPurpose = lead == nil ? .deal : .lead
        let stored: StoredModel?
        if let model {
            stored = try await store.model(version: model)
            guard let stored else {
                throw ValidationError("no model has version '\(model)' (`revloop score list`)")
            }
            guard stored.purpose == purpose.registryName else {
                throw ValidationError(
                    "model \(model) scores \(stored.purpose), not \(purpose.registryName): "
                        + (purpose == .lead
                            ? "--lead needs a lead model (`revloop score list --purpose lead`)"
                            : "explain a lead model's score with --lead CONTACT"))
            }
        } else {
            stored = try await store.activeModel(purpose: purpose.registryName)
        }
        guard let stored else {
            throw ValidationError(
                "no active \(purpose.rawValue) model: `revloop score train\(purpose == .lead ? " --purpose lead" : "")`, "
                    + "then `revloop score activate VERSION`")
        }
        let scoring = try ScoringModel.decode(json: Data(stored.document.utf8))
        if let lead {
            try await explainLead(
                lead, model: scoring, stored: stored, connectors: loaded.connectors, store: store, output: output)
            return
        }
        guard let deal else { return }
        for connector in loaded.connectors where self.connector == nil || connector.name.rawValue == self.connector {
            guard let found = try await store.deal(connector: connector.name, id: DealID(deal)) else { continue }
            let pipelines = Dictionary(
                try await store.pipelines(connector: connector.name).map { ($0.id, $0) },
                uniquingKeysWith: { a, _ in a })
            guard
                let snapshot = try await DealSnapshots.load(
                    [found], connector: connector.name, pipelines: pipelines, store: store
                ).first
            else { continue }
            // A closed deal as its training row saw it; an open one as of entering its current stage (the moment
            // a `predicted` goal asks about).
            let asOf =
                snapshot.closedOutcome != nil
                ? (DealFeatures.trainingCut(of: snapshot) ?? snapshot.deal.createdAt) : snapshot.currentStageEnteredAt
            let explanation = scoring.explain(DealFeatures.row(of: snapshot, asOf: asOf), top: top)
            if format == .json {
                try output.json(ScoreExplanationJSON(deal: deal, model: stored.version, asOf: asOf, explanation))
                return
            }
            var lines = [
                "deal \(deal) (\(connector.name)): score \(explanation.score) of 100 "
                    + "(win probability \(ScoreModelSummary.fixed(explanation.probability, 3))) as of \(asOf), "
                    + "model \(stored.version); baseline \(Int(explanation.baselineScore.rounded()))"
            ]
            lines += explanation.lines.map { "  " + $0 }
            if let reason = stored.stoppedReason {
                lines.append("note: this model is stopped (\(reason)); `predicted` goals use stage probability")
            }
            output.result(lines.joined(separator: "\n"))
            return
        }
        throw ValidationError("no deal '\(deal)' in the store\(connector.map { " for connector \($0)" } ?? "")")
    }

    /// The lead model's score of the person `contact` belongs to, as of the moment they became a lead.
    private func explainLead(
        _ contact: String, model scoring: ScoringModel, stored: StoredModel, connectors: [ConnectorConfig],
        store: SQLiteStore, output: Output
    ) async throws {
        for connector in connectors where self.connector == nil || connector.name.rawValue == self.connector {
            guard
                let snapshot = try await LeadSnapshots.lead(
                    connector: connector.name, contact: ContactID(contact), store: store),
                let asOf = snapshot.becameLeadAt
            else { continue }
            let explanation = scoring.explain(LeadFeatures.row(of: snapshot, asOf: asOf), top: top)
            if format == .json {
                var json = ScoreExplanationJSON(deal: nil, model: stored.version, asOf: asOf, explanation)
                json.lead = contact
                json.records = snapshot.contacts.count
                try output.json(json)
                return
            }
            let records = snapshot.contacts.count
            var lines = [
                "lead \(contact) (\(connector.name)\(records > 1 ? ", one person with \(records) contact records" : "")): "
                    + "score \(explanation.score) of 100 (chance of closed-won revenue "
                    + "\(ScoreModelSummary.fixed(explanation.probability, 3))) as of becoming a lead \(asOf), "
                    + "model \(stored.version); baseline \(Int(explanation.baselineScore.rounded()))"
            ]
            lines += explanation.lines.map { "  " + $0 }
            if let reason = stored.stoppedReason {
                lines.append("note: this model is stopped (\(reason)); lead scores do not come from it")
            }
            output.result(lines.joined(separator: "\n"))
            return
        }
        throw ValidationError("no contact '\(contact)' in the store\(connector.map { " for connector \($0)" } ?? "")")
    }
}

/// `revloop score explain --format json`.
struct ScoreExplanationJSON: Encodable {
    var deal: String?
    /// With --lead: the contact asked about, and how many records its person has.
    var lead: String?
    var records: Int?
    var model: String
    var asOf: String
    var score: Int
    var probability: Double
    var baselineScore: Double
    var factors: [Factor]

    struct Factor: Encodable {
        var feature: String
        var value: String
        var points: Double
        var logOdds: Double
        var line: String
        enum CodingKeys: String, CodingKey {
            case feature, value, points, line
            case logOdds = "log_odds"
        }
    }

    enum CodingKeys: String, CodingKey {
        case deal, lead, records, model, score, probability, factors
        case asOf = "as_of"
        case baselineScore = "baseline_score"
    }

    init(deal: String?, model: String, asOf: Timestamp, _ explanation: Explanation) {
        self.deal = deal
        self.model = model
        self.asOf = asOf.description
        score = explanation.score
        probability = explanation.probability
        baselineScore = explanation.baselineScore
        factors = explanation.contributions.map {
            Factor(feature: $0.feature, value: $0.value, points: $0.points, logOdds: $0.logOdds, line: $0.line)
        }
    }
}
