internal import RevloopCore
internal import RevloopMapping

/// `revloop plan --deal ID`: one deal's whole story, its stage history, amounts and each goal's decision.
enum DealStory {
    static func text(
        context: DealContext, goals: [ConversionGoal], operations: [PlannedOperation], ledger: [LedgerEntry]
    ) -> String {
        let deal = context.deal
        var lines = [
            "deal \(deal.id) (connector \(context.connector)), pipeline \(deal.pipelineID), now in \(label(deal.stageID, context))"
                + (deal.isDeleted ? ", DELETED" : "") + (deal.lostReason.map { ", lost reason: \($0)" } ?? ""),
            "  amount now: \(deal.amount?.description ?? "none"); contacts: \(deal.contactIDs.map(\.rawValue).joined(separator: ", "))",
            "stage history:",
        ]
        for transition in deal.stageHistory {
            let stage = context.stage(transition.stageID)
            let tags = [
                stage?.isWon == true ? "won" : nil, stage?.isClosed == true && stage?.isWon == false ? "lost" : nil,
            ]
            .compactMap { $0 }
            lines.append(
                "  \(transition.enteredAt)  \(label(transition.stageID, context))"
                    + (tags.isEmpty ? "" : " [\(tags.joined(separator: ", "))]")
                    + (stage.map { " p=\($0.winProbability)" } ?? ""))
        }
        if deal.amountHistory.count > 1 {
            lines.append("amount history:")
            for change in deal.amountHistory { lines.append("  \(change.changedAt)  \(change.amount)") }
        }
        if let contact = context.contacts.first {
            let kinds = contact.identifiers.map(\.kind.rawValue).sorted().joined(separator: ", ")
            let clicks = (context.clicks[contact.id] ?? []).map(\.kind.rawValue).joined(separator: ", ")
            lines.append(
                "person: contact \(contact.id): hashed \(kinds.isEmpty ? "nothing" : kinds); clicks: \(clicks.isEmpty ? "none" : clicks); consent ad_user_data \(contact.consent.adUserData.rawValue)"
            )
        } else {
            lines.append("person: none of the deal's contacts is in the store")
        }
        for goal in goals {
            lines.append(
                "goal \(goal.name) (\(goal.platform.rawValue), \(triggerText(goal.trigger)), \(goal.valuePolicy.rawValue), window \(goal.windowDays) days):"
            )
            let mine = operations.filter { $0.goal == goal.name }
            if mine.isEmpty {
                let outside = !goal.pipelines.isEmpty && !goal.pipelines.contains(deal.pipelineID)
                lines.append(outside ? "  not in this goal's pipelines" : "  no stage of this deal fires it")
            }
            for operation in mine {
                var line =
                    "  \(label(operation.stageID, context)) at \(operation.occurredAt): \(describe(operation.action))"
                if let event = operation.event {
                    line += ", value \(event.value)"
                    if let version = event.modelVersion {
                        line += " (amount x win probability from model \(version))"
                    } else if goal.valuePolicy == .predicted {
                        line += " (stage probability: no active scoring model could score it)"
                    }
                    if let conversion = event.conversion, !conversion.rates.isEmpty {
                        line += " (\(conversion.summary))"
                    }
                }
                line += "; key \(operation.key)"
                lines.append(line)
                if let sent = ledger.first(where: { $0.key == operation.key }) {
                    lines.append(
                        "    ledger: \(sent.state.rawValue), \(sent.value) at \(sent.updatedAt)"
                            + (sent.modelVersion.map { ", valued by model \($0)" } ?? ""))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ action: PlannedOperation.Action) -> String {
        switch action {
        case .upload: "UPLOAD"
        case .restate(let previous): "RESTATE (was \(previous))"
        case .retract(let previous): "RETRACT (was \(previous))"
        case .cannotAdjust(let previous, let now):
            "sent at \(previous); now \(now?.description ?? "lost"), and this platform cannot adjust a sent event"
        case .skip(let reason): "skip: \(reason.explanation)"
        }
    }

    static func triggerText(_ trigger: MappingConfig.Trigger) -> String {
        switch trigger {
        case .closedWon: "on closed-won"
        case .everyStage: "on every stage"
        case .stages(let ids): "on entering " + ids.map(\.rawValue).joined(separator: ", ")
        }
    }

    private static func label(_ id: StageID, _ context: DealContext) -> String {
        guard let stage = context.stage(id) else { return id.rawValue }
        return stage.label == id.rawValue ? id.rawValue : "\(stage.label) (\(id))"
    }
}
