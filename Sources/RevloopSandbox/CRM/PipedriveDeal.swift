internal import Foundation
internal import RevloopCore

/// One deal as the Pipedrive emulator holds it (crms.md 3): numeric ids, a status instead of won and lost
/// stages, and the times Pipedrive keeps on the deal itself (`add_time`, `update_time`,
/// `stage_change_time`, `won_time`, `lost_time`, `close_time`) in epoch milliseconds.
public struct PipedriveDeal: Hashable, Sendable {
    /// Pipedrive's deal statuses; a deleted deal keeps its last stage.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case open, won, lost, deleted
    }

    public var id: Int64
    public var title: String
    /// The value as decimal text in the deal's currency (a JSON number on the wire, 0 when not set).
    public var value: String?
    public var currency: String
    public var status: Status
    public var stageID: Int64
    public var pipelineID: Int64
    public var personID: Int64?
    public var addTime: Int64
    public var updateTime: Int64
    public var stageChangeTime: Int64?
    public var wonTime: Int64?
    public var lostTime: Int64?
    public var closeTime: Int64?
    public var lostReason: String?
    /// The deal's persons beyond `personID` (Pipedrive's participants), in the order they were linked.
    public var participantIDs: [Int64] = []
    /// What the deal's flow lists, oldest first: every stage move, status change and person change.
    public var changes: [PipedriveDealChange] = []

    public init(
        id: Int64, title: String, value: String?, currency: String, status: Status, stageID: Int64,
        pipelineID: Int64, personID: Int64?, addTime: Int64, updateTime: Int64, stageChangeTime: Int64? = nil,
        wonTime: Int64? = nil, lostTime: Int64? = nil, closeTime: Int64? = nil, lostReason: String? = nil
    ) {
        self.id = id
        self.title = title
        self.value = value
        self.currency = currency
        self.status = status
        self.stageID = stageID
        self.pipelineID = pipelineID
        self.personID = personID
        self.addTime = addTime
        self.updateTime = updateTime
        self.stageChangeTime = stageChangeTime
        self.wonTime = wonTime
        self.lostTime = lostTime
        self.closeTime = closeTime
        self.lostReason = lostReason
    }

    /// Every person linked to the deal: `person_id` first, then the participants.
    public var personIDs: [Int64] { (personID.map { [$0] } ?? []) + participantIDs.filter { $0 != personID } }

    /// v2's RFC 3339 time: UTC with milliseconds and `Z` (`2024-01-01T00:00:00.000Z`).
    static func wireTime(_ milliseconds: Int64?) -> Any {
        guard let milliseconds else { return NSNull() }
        return RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds), fractionalSeconds: true, useZ: true)
    }

    /// The deal as `GET /api/v2/deals` answers it.
    func json() -> [String: Any] {
        [
            "id": id, "title": title, "value": value.flatMap(Double.init) ?? 0, "currency": currency,
            "status": status.rawValue, "stage_id": stageID, "pipeline_id": pipelineID,
            "person_id": personID.map { $0 as Any } ?? NSNull(), "org_id": NSNull(), "add_time": Self.wireTime(addTime),
            "update_time": Self.wireTime(updateTime), "stage_change_time": Self.wireTime(stageChangeTime),
            "won_time": Self.wireTime(wonTime), "lost_time": Self.wireTime(lostTime),
            "close_time": Self.wireTime(closeTime), "lost_reason": lostReason.map { $0 as Any } ?? NSNull(),
            "is_deleted": status == .deleted, "custom_fields": [String: Any](),
        ]
    }
}
