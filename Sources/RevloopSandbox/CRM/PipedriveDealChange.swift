internal import Foundation
internal import RevloopCore

/// One change a Pipedrive deal's flow (`GET /v1/deals/{id}/flow`) lists as a `dealChange`: the field's key
/// (`stage_id`, `status`, `person_id`), its old and new values as text, and when it was made (epoch ms).
public struct PipedriveDealChange: Hashable, Sendable {
    public var fieldKey: String
    public var oldValue: String?
    public var newValue: String?
    public var at: Int64

    public init(fieldKey: String, oldValue: String?, newValue: String?, at: Int64) {
        self.fieldKey = fieldKey
        self.oldValue = oldValue
        self.newValue = newValue
        self.at = at
    }

    /// v1's time: `YYYY-MM-DD HH:MM:SS` in UTC, without a zone marker.
    static func v1Time(_ milliseconds: Int64) -> String {
        let text = RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds), fractionalSeconds: false, useZ: true)
        return String(text.dropLast().replacingOccurrences(of: "T", with: " "))
    }

    /// The change as the flow lists it; `id` is its position in the account's change log.
    func json(id: Int64, dealID: Int64) -> [String: Any] {
        let time = Self.v1Time(at)
        return [
            "object": "dealChange", "timestamp": time,
            "data": [
                "id": id, "item_id": dealID, "user_id": 1, "field_key": fieldKey,
                "old_value": oldValue.map { $0 as Any } ?? NSNull(),
                "new_value": newValue.map { $0 as Any } ?? NSNull(), "is_bulk_update_flag": NSNull(),
                "log_time": time, "change_source": "app", "change_source_user_agent": NSNull(),
                "additional_data": [String: Any](),
            ] as [String: Any],
        ]
    }
}
