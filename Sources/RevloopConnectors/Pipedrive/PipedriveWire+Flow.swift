internal import Foundation

extension PipedriveWire {
    /// A page of a deal's flow (`GET /api/v1/deals/{id}/flow`): v1 pages by `start` and `limit`, with
    /// `additional_data.pagination` saying whether more follow.
    struct FlowPage: Decodable {
        var success: Bool
        var data: [FlowItem]?
        var additionalData: FlowAdditionalData?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case success, data, error
            case additionalData = "additional_data"
        }
    }

    struct FlowAdditionalData: Decodable {
        var pagination: Pagination?
    }

    /// v1's offset paging.
    struct Pagination: Decodable {
        var moreItemsInCollection: Bool?
        var nextStart: Int?

        enum CodingKeys: String, CodingKey {
            case moreItemsInCollection = "more_items_in_collection"
            case nextStart = "next_start"
        }
    }

    /// One flow item: its `object` names the kind (`dealChange`, `activity`, `note`, ...); only changes are
    /// decoded, every other kind's `data` is left alone.
    struct FlowItem: Decodable {
        var object: String
        var data: FlowChange?

        enum CodingKeys: String, CodingKey {
            case object, data
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            object = try container.decode(String.self, forKey: .object)
            data = object == "dealChange" ? try container.decodeIfPresent(FlowChange.self, forKey: .data) : nil
        }
    }

    /// A `dealChange`: the field, its old and new values (text or numbers, as Pipedrive sends them) and when,
    /// as v1's `YYYY-MM-DD HH:MM:SS` in UTC.
    struct FlowChange: Decodable {
        var fieldKey: String
        var oldValue: String?
        var newValue: String?
        var logTime: String?

        enum CodingKeys: String, CodingKey {
            case fieldKey = "field_key"
            case oldValue = "old_value"
            case newValue = "new_value"
            case logTime = "log_time"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fieldKey = try container.decode(String.self, forKey: .fieldKey)
            oldValue = try container.decodeIfPresent(Scalar.self, forKey: .oldValue)?.text
            newValue = try container.decodeIfPresent(Scalar.self, forKey: .newValue)?.text
            logTime = try container.decodeIfPresent(String.self, forKey: .logTime)
        }
    }

    /// A listed record of which only the id is read (the persons reconcile, a deal's persons).
    struct Identified: Decodable {
        var id: Int64
    }
}
