internal import Foundation
internal import RevloopConnectors
public import RevloopCore

/// The sample generator's deals and contacts as Pipedrive holds them: numeric ids (`d-17` is deal 17,
/// `ct-5` person 5), pipelines and their open stages numbered from 1, won and lost as the deal's status
/// (the deal stays in the stage it was won or lost from), the deal's first contact as its person and the others
/// as participants, every move between open stages (and the close) in the deal's flow, click ids in the
/// persons' custom fields under hash keys, and the sales-led activities as done `meeting`, `call` and `email`
/// activities (`PipedriveSampleActivities`).
public enum PipedriveSampleDataset {
    /// The custom field key holding each click-id kind (by `ClickIDKind` raw value): 40-character hashes,
    /// as Pipedrive names custom fields. `sandbox/pipedrive.yaml` names them.
    public static let clickIDFieldKeys: [String: String] = [
        "gclid": "ab18be16f3c37d4b4300d8482fcf8d565e1fc00d",
        "gbraid": "8c030e838566d4e47ea40273b2ea76c28227aefc",
        "wbraid": "1c247fbe75bcc85dec29a2be87bd454c2a51e2bf",
        "fbclid": "94ab59e8e5b5c49032d5d5f3a470281bb56ce3f9",
        "li_fat_id": "cdc63f83bfc50ed6419907667ebebffa82ce7e7e",
    ]

    /// The sample's pipelines with Pipedrive's ids: (id, the sample's pipeline).
    static var numberedPipelines: [(id: Int64, pipeline: Pipeline)] {
        SampleGenerator.pipelines.enumerated().map { (Int64($0.offset + 1), $0.element) }
    }

    /// The open stages of the sample's pipelines, numbered from 1 across pipelines.
    static func stages() -> [PipedriveStage] {
        var stages: [PipedriveStage] = []
        for (pipelineID, pipeline) in numberedPipelines {
            for stage in pipeline.stages where !stage.isClosed {
                stages.append(
                    PipedriveStage(
                        id: Int64(stages.count + 1), name: stage.label, pipelineID: pipelineID,
                        order: stages.count { $0.pipelineID == pipelineID } + 1,
                        dealProbability: Int((stage.winProbability * 100).rounded())))
            }
        }
        return stages
    }

    /// The dataset for the sample of `seed` with `dealCount` deals, anchored at `anchor`.
    public static func make(seed: UInt64, dealCount: Int, anchor: CalendarDay) -> PipedriveDataset {
        let stages = stages()
        var stageIDs: [String: Int64] = [:]
        for (pipelineID, pipeline) in numberedPipelines {
            for stage in pipeline.stages where !stage.isClosed {
                stageIDs[stage.id.rawValue] = stages.first { $0.pipelineID == pipelineID && $0.name == stage.label }?.id
            }
        }
        let closed = Dictionary(
            SampleGenerator.pipelines.flatMap(\.stages).filter(\.isClosed).map { ($0.id.rawValue, $0.isWon) },
            uniquingKeysWith: { $1 })
        let pipelineIDs = Dictionary(
            numberedPipelines.map { ($0.pipeline.id.rawValue, $0.id) }, uniquingKeysWith: { $1 })
        var firstStages: [Int64: Int64] = [:]
        for stage in stages where firstStages[stage.pipelineID] == nil { firstStages[stage.pipelineID] = stage.id }
        var deals: [PipedriveDeal] = []
        var persons: [PipedrivePerson] = []
        var activities = PipedriveSampleActivities()
        deals.reserveCapacity(dealCount)
        SampleGenerator(seed: seed, dealCount: dealCount, anchor: anchor).forEachDeal { rows in
            let clicks = rows.clicksByContact
            var personIDs: [Int64] = []
            for row in rows.contacts {
                guard let person = person(SampleDealRows.fields(row), clicks: clicks) else { continue }
                personIDs.append(person.id)
                persons.append(person)
            }
            activities.log(rows.salesLedActivities, personIDs: Set(personIDs), dealLine: rows.deal)
            guard
                let deal = deal(
                    rows.deal, personIDs: personIDs, stageIDs: stageIDs, firstStages: firstStages,
                    closed: closed, pipelineIDs: pipelineIDs, anchor: anchor)
            else { return }
            deals.append(deal)
        }
        return PipedriveDataset(
            deals: deals, persons: persons,
            pipelines: numberedPipelines.map { ($0.id, $0.pipeline.label) }, stages: stages,
            activities: activities.activities)
    }

    private static func deal(
        _ line: String, personIDs: [Int64], stageIDs: [String: Int64], firstStages: [Int64: Int64],
        closed: [String: Bool], pipelineIDs: [String: Int64], anchor: CalendarDay
    ) -> PipedriveDeal? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
            let id = (object["deal_id"] as? String).flatMap(HubSpotSampleDataset.numericID),
            let created = HubSpotSampleDataset.milliseconds(object["created_at"]),
            let updated = HubSpotSampleDataset.milliseconds(object["updated_at"]),
            let stage = object["stage_id"] as? String,
            let pipelineID = pipelineIDs[object["pipeline_id"] as? String ?? "default"]
        else { return nil }
        let history: [(stage: String, at: Int64)] = (object["stage_history"] as? [[String: Any]] ?? []).compactMap {
            entry in
            guard let stage = entry["stage_id"] as? String,
                let at = HubSpotSampleDataset.milliseconds(entry["entered_at"])
            else { return nil }
            return (stage, at)
        }
        let openEntries = history.filter { stageIDs[$0.stage] != nil }
        // A won or lost deal stays in the open stage it left; one closed from its first stage keeps the first.
        guard
            let openStage = stageIDs[stage] ?? openEntries.last.flatMap({ stageIDs[$0.stage] })
                ?? firstStages[pipelineID]
        else { return nil }
        var deal = PipedriveDeal(
            id: id, title: "Deal \(id)", value: (object["amount"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            currency: object["currency"] as? String ?? "USD", status: .open, stageID: openStage,
            pipelineID: pipelineID, personID: personIDs.first, addTime: created, updateTime: updated)
        deal.participantIDs = Array(personIDs.dropFirst())
        if openEntries.count > 1 { deal.stageChangeTime = openEntries.last?.at }
        // The flow logs every move between open stages, and every close and reopen as a status change.
        var status = "open"
        var current = openEntries.first.flatMap { stageIDs[$0.stage] }
        for entry in history.dropFirst() {
            if let stage = stageIDs[entry.stage] {
                if status != "open" {
                    deal.changes.append(
                        PipedriveDealChange(fieldKey: "status", oldValue: status, newValue: "open", at: entry.at))
                    status = "open"
                }
                if let old = current, old != stage {
                    deal.changes.append(
                        PipedriveDealChange(
                            fieldKey: "stage_id", oldValue: "\(old)", newValue: "\(stage)", at: entry.at))
                }
                current = stage
            } else if let isWon = closed[entry.stage], status == "open" {
                let new = isWon ? "won" : "lost"
                deal.changes.append(
                    PipedriveDealChange(fieldKey: "status", oldValue: status, newValue: new, at: entry.at))
                status = new
            }
        }
        if let isWon = closed[stage] {
            let closedAt = history.last { $0.stage == stage }?.at ?? updated
            deal.status = isWon ? .won : .lost
            if isWon { deal.wonTime = closedAt } else { deal.lostTime = closedAt }
            deal.closeTime = closedAt
            deal.lostReason = isWon ? nil : object["lost_reason"] as? String
        }
        if object["is_deleted"] as? Bool == true {
            // Deleting is the last change a deal sees: an hour after the last, yet before the sample's "today"
            // (a pull as of then reads every deletion, as it reads every other change).
            deal.status = .deleted
            deal.updateTime = max(updated, min(updated + 3_600_000, anchor.startInUTC.millisecondsSinceEpoch - 1))
        }
        return deal
    }

    /// A `contacts.csv` row (columns as `ExportFormat.contactColumns`) as a person, with its click ids.
    private static func person(_ fields: [String], clicks: [String: [String: String]]) -> PipedrivePerson? {
        guard fields.count >= 15, let id = HubSpotSampleDataset.numericID(fields[0]),
            let created = HubSpotSampleDataset.milliseconds(fields[13]),
            let updated = HubSpotSampleDataset.milliseconds(fields[14])
        else { return nil }
        var customFields: [String: String] = [:]
        for (kind, value) in clicks[fields[0]] ?? [:] {
            if let key = clickIDFieldKeys[kind] { customFields[key] = value }
        }
        return PipedrivePerson(
            id: id, firstName: fields[4], lastName: fields[5],
            emails: fields[2].isEmpty ? [] : [.init(value: fields[2], isPrimary: true, label: "work")],
            phones: fields[3].isEmpty ? [] : [.init(value: fields[3], isPrimary: true, label: "mobile")],
            addTime: created, updateTime: updated, customFields: customFields)
    }
}
