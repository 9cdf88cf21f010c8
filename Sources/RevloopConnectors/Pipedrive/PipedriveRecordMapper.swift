internal import Foundation
internal import RevloopCore
internal import RevloopIdentity

/// Turns Pipedrive's deals, persons, pipelines and stages into domain records: amounts in minor units of the
/// deal's currency, RFC 3339 times with their zone, won and lost from the deal's status, persons'
/// identifiers hashed at once and their click-id custom fields as click ids.
///
/// Pipedrive has no won or lost stages: a won deal stays in the stage it was won from, with `status: won`.
/// Each pipeline is given two synthesized closed stages, `<pipeline>:won` and `<pipeline>:lost`, which
/// won and lost deals are in. Stage transitions come from the deal's flow when it was read (see
/// `flowHistory`: every move, close and reopen, to the second); otherwise they are derived from the deal's own
/// times: the current stage entered at `stage_change_time` (or `add_time` when it never moved), which leaves
/// the stages passed through before it unknown, then the won or lost stage at `won_time` or `lost_time`. A deal's contacts are its persons when they were read, `person_id` first;
/// otherwise `person_id` alone.
///
/// Diagnostics name the connector, the record and the field, never a value that could be personal.
struct PipedriveRecordMapper {
    let config: ConnectorConfig
    let hasher: ContactIdentifierHasher

    init(config: ConnectorConfig) {
        self.config = config
        self.hasher = ContactIdentifierHasher(defaultRegion: config.defaultRegion)
    }

    static func wonStage(of pipeline: Int64) -> StageID { StageID("\(pipeline):won") }
    static func lostStage(of pipeline: Int64) -> StageID { StageID("\(pipeline):lost") }

    private func source(_ stream: String) -> DiagnosticSource {
        DiagnosticSource(path: "\(config.sourcePath) (\(stream))")
    }

    private static func time(_ text: String?) -> Timestamp? {
        guard let text, !text.isEmpty else { return nil }
        return RFC3339.parse(text)
    }

    /// Pipelines in their order, each with its stages (probability from the percentage `deal_probability`)
    /// and the synthesized won and lost stages last.
    func pipelines(_ pipelines: [PipedriveWire.Pipeline], stages: [PipedriveWire.Stage]) -> [Pipeline] {
        pipelines.filter { $0.isDeleted != true }.sorted { ($0.orderNr ?? 0, $0.id) < ($1.orderNr ?? 0, $1.id) }.map {
            pipeline in
            let open = stages.filter { $0.pipelineID == pipeline.id && $0.isDeleted != true }.sorted {
                ($0.orderNr ?? 0, $0.id) < ($1.orderNr ?? 0, $1.id)
            }
            return Pipeline(
                id: PipelineID(String(pipeline.id)), label: pipeline.name,
                stages: open.map { stage in
                    PipelineStage(
                        id: StageID(String(stage.id)), label: stage.name,
                        winProbability: Double(stage.dealProbability ?? 0) / 100, isClosed: false, isWon: false)
                } + [
                    PipelineStage(
                        id: Self.wonStage(of: pipeline.id), label: "Won", winProbability: 1, isClosed: true, isWon: true
                    ),
                    PipelineStage(
                        id: Self.lostStage(of: pipeline.id), label: "Lost", winProbability: 0, isClosed: true,
                        isWon: false),
                ])
        }
    }

    /// A deal; `deleted` deals are deletions. A deal without its times, pipeline or stage is skipped with an
    /// error; an unreadable currency is a warning.
    func deal(_ wire: PipedriveWire.Deal, details: PipedriveDealDetails = PipedriveDealDetails(), stream: String)
        -> (Deal?, [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        let record = "deal \(wire.id)"
        guard let created = Self.time(wire.addTime), let updated = Self.time(wire.updateTime) else {
            diagnostics.append(
                Diagnostic(
                    .error, "field 'add_time' or 'update_time' is missing or not an RFC 3339 time; the deal is skipped",
                    at: source(stream), record: record))
            return (nil, diagnostics)
        }
        guard let pipeline = wire.pipelineID, let stage = wire.stageID else {
            diagnostics.append(
                Diagnostic(
                    .error, "field 'pipeline_id' or 'stage_id' is empty; the deal is skipped", at: source(stream),
                    record: record))
            return (nil, diagnostics)
        }
        var currency = config.defaultCurrency
        if let code = wire.currency {
            if let parsed = CurrencyCode(code) {
                currency = parsed
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning, "field 'currency' is not an ISO 4217 code; \(config.defaultCurrency) is used",
                        at: source(stream), record: record))
            }
        }
        // A JSON number's shortest decimal text is exact for any amount in cents below 2^53.
        var amount: Money?
        if let value = wire.value {
            amount = Money(decimal: Self.decimalText(value), currency: currency)
            if amount == nil {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "field 'value' is not an amount in \(currency) (too many decimals or too large); the deal is kept without it",
                        at: source(stream), record: record))
            }
        }
        let currentStage = StageID(String(stage))
        var stageID = currentStage
        let flow = Self.flowHistory(
            details.stageChanges ?? [], current: currentStage, pipeline: pipeline, created: created)
        var history =
            flow ?? [StageTransition(stageID: currentStage, enteredAt: Self.time(wire.stageChangeTime) ?? created)]
        // What the deal says now wins over a flow that has not logged it yet.
        if wire.status == "won" || (wire.status == "deleted" && wire.wonTime != nil) {
            let at = Self.time(wire.wonTime) ?? Self.time(wire.closeTime) ?? updated
            if history.last?.stageID != Self.wonStage(of: pipeline) {
                history.append(StageTransition(stageID: Self.wonStage(of: pipeline), enteredAt: at))
            }
            if wire.status == "won" { stageID = Self.wonStage(of: pipeline) }
        } else if wire.status == "lost" || (wire.status == "deleted" && wire.lostTime != nil) {
            let at = Self.time(wire.lostTime) ?? Self.time(wire.closeTime) ?? updated
            if history.last?.stageID != Self.lostStage(of: pipeline) {
                history.append(StageTransition(stageID: Self.lostStage(of: pipeline), enteredAt: at))
            }
            if wire.status == "lost" { stageID = Self.lostStage(of: pipeline) }
        } else if wire.status == "open", history.last?.stageID != currentStage {
            history.append(
                StageTransition(
                    stageID: currentStage,
                    enteredAt: max(Self.time(wire.stageChangeTime) ?? updated, history.last?.enteredAt ?? created)))
        }
        let deal = Deal(
            id: DealID(String(wire.id)), pipelineID: PipelineID(String(pipeline)), stageID: stageID, amount: amount,
            createdAt: created, updatedAt: updated, closeDate: Self.time(wire.closeTime)?.utcDay, companyID: nil,
            contactIDs: Self.contactIDs(primary: wire.personID, persons: details.personIDs), stageHistory: history,
            amountHistory: amount.map { [AmountChange(amount: $0, changedAt: created)] } ?? [],
            isDeleted: wire.status == "deleted", lostReason: wire.lostReason)
        return (deal, diagnostics)
    }

    /// The stages a deal passed through, from its flow's `stage_id` and `status` changes in the order they were
    /// made: the stage it was added in (the first move's old stage, or its stage now when it never moved) from
    /// `created`, then each move while open, the won or lost stage at each close and the open stage again at
    /// each reopen (a won deal reopened is no longer won: the bridge retracts). Times are v1's, whole seconds.
    /// `nil` when the flow holds no readable change.
    static func flowHistory(
        _ changes: [PipedriveWire.FlowChange], current: StageID, pipeline: Int64, created: Timestamp
    ) -> [StageTransition]? {
        // Pipedrive lists the flow newest first; changes made in the same second keep their listed order.
        let ordered = changes.reversed().enumerated().compactMap {
            index, change -> (index: Int, change: PipedriveWire.FlowChange, at: Timestamp)? in
            guard change.fieldKey == "stage_id" || change.fieldKey == "status", let at = v1Time(change.logTime) else {
                return nil
            }
            return (index, change, max(at, created))
        }.sorted { ($0.at, $0.index) < ($1.at, $1.index) }
        guard !ordered.isEmpty else { return nil }
        var open = ordered.first { $0.change.fieldKey == "stage_id" }?.change.oldValue.map(StageID.init) ?? current
        var isOpen = true
        var history = [StageTransition(stageID: open, enteredAt: created)]
        let closed: Set<StageID> = [wonStage(of: pipeline), lostStage(of: pipeline)]
        func enter(_ stage: StageID, at time: Timestamp) {
            guard let last = history.last, last.stageID != stage else { return }
            // A reopen logged with a move in the same second (either order) enters the stage moved to, once.
            if history.count > 1, last.enteredAt == time, !closed.contains(last.stageID), !closed.contains(stage) {
                history[history.count - 1].stageID = stage
                if history.count > 1, history[history.count - 2].stageID == stage { history.removeLast() }
            } else {
                history.append(StageTransition(stageID: stage, enteredAt: time))
            }
        }
        for (_, change, at) in ordered {
            switch (change.fieldKey, change.newValue) {
            case ("stage_id", let stage?):
                open = StageID(stage)
                if isOpen { enter(open, at: at) }
            case ("status", "won"):
                isOpen = false
                enter(wonStage(of: pipeline), at: at)
            case ("status", "lost"):
                isOpen = false
                enter(lostStage(of: pipeline), at: at)
            case ("status", "open"):
                isOpen = true
                enter(open, at: at)
            default:
                continue
            }
        }
        return history
    }

    /// v1's `YYYY-MM-DD HH:MM:SS`, which is UTC without saying so.
    static func v1Time(_ text: String?) -> Timestamp? {
        guard let text, text.utf8.count == 19 else { return nil }
        return RFC3339.parse(text.replacingOccurrences(of: " ", with: "T") + "Z")
    }

    /// `person_id` first, then the deal's other persons in the order listed, each once.
    static func contactIDs(primary: Int64?, persons: [Int64]?) -> [ContactID] {
        var seen: Set<Int64> = []
        return ((primary.map { [$0] } ?? []) + (persons ?? [])).filter { seen.insert($0).inserted }.map {
            ContactID(String($0))
        }
    }

    static func decimalText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A person with its hashed identifiers (the primary email and phone), and its click ids from the
    /// custom fields `click_id_fields` names, stamped with the person's creation time (Pipedrive keeps no
    /// click time, and the click came first).
    func person(_ wire: PipedriveWire.Person, stream: String) -> (Contact?, [ClickID], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let record = "person \(wire.id)"
        guard let created = Self.time(wire.addTime), let updated = Self.time(wire.updateTime) else {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "field 'add_time' or 'update_time' is missing or not an RFC 3339 time; the person is skipped",
                    at: source(stream), record: record))
            return (nil, [], diagnostics)
        }
        func primary(_ points: [PipedriveWire.ContactPoint]) -> String? {
            let filled = points.filter { !($0.value ?? "").isEmpty }
            return (filled.first { $0.primary == true } ?? filled.first)?.value
        }
        let (identifiers, refused) = hasher.hash(
            ContactIdentifierHasher.RawFields(
                email: primary(wire.emails), phone: primary(wire.phones), firstName: wire.firstName,
                lastName: wire.lastName, city: nil, countryCode: nil))
        for problem in refused {
            diagnostics.append(
                Diagnostic(
                    .warning, "field '\(problem.field)': \(problem.reason); the person is kept without this match key",
                    at: source(stream), record: record))
        }
        let contactID = ContactID(String(wire.id))
        let contact = Contact(
            id: contactID, companyID: nil, identifiers: identifiers, countryCode: nil, region: nil, postalCode: nil,
            consent: .unknown, createdAt: created, updatedAt: updated)
        let clicks = ClickIDKind.allCases.compactMap { kind -> ClickID? in
            guard let key = config.clickIDProperties[kind],
                let value = wire.customFields[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
            else { return nil }
            return ClickID(contactID: contactID, kind: kind, value: value, clickedAt: created)
        }
        return (contact, clicks, diagnostics)
    }
}
