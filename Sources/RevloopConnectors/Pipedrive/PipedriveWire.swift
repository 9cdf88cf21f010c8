internal import Foundation

/// Pipedrive's API v2 answers as they come over the wire (crms.md 3); the mapper turns them into domain
/// records.
enum PipedriveWire {
    /// Every answer: `success` (checked even on a 200), the page's `data`, and the next page's cursor.
    struct Page<Item: Decodable>: Decodable {
        var success: Bool
        var data: [Item]?
        var additionalData: AdditionalData?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case success, data, error
            case additionalData = "additional_data"
        }
    }

    struct AdditionalData: Decodable {
        /// `null` on the last page.
        var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case nextCursor = "next_cursor"
        }
    }

    /// An error answer's body (`success: false`).
    struct ErrorBody: Decodable {
        var success: Bool?
        var error: String?
    }

    struct Deal: Decodable {
        var id: Int64
        /// A JSON number in the deal's currency.
        var value: Double?
        var currency: String?
        /// `open`, `won`, `lost` or `deleted`.
        var status: String?
        var stageID: Int64?
        var pipelineID: Int64?
        var personID: Int64?
        var addTime: String?
        var updateTime: String?
        var stageChangeTime: String?
        var wonTime: String?
        var lostTime: String?
        var closeTime: String?
        var lostReason: String?

        enum CodingKeys: String, CodingKey {
            case id, value, currency, status
            case stageID = "stage_id"
            case pipelineID = "pipeline_id"
            case personID = "person_id"
            case addTime = "add_time"
            case updateTime = "update_time"
            case stageChangeTime = "stage_change_time"
            case wonTime = "won_time"
            case lostTime = "lost_time"
            case closeTime = "close_time"
            case lostReason = "lost_reason"
        }
    }

    /// One email address or phone number: `{value, primary, label}`.
    struct ContactPoint: Decodable {
        var value: String?
        var primary: Bool?
        var label: String?
    }

    /// A person: v2's `emails`/`phones` or v1's `email`/`phone` (both decoded: which one v2 sends is
    /// unverified), and custom fields from v2's `custom_fields` or, as v1 sends them, top-level keys.
    struct Person: Decodable {
        var id: Int64
        var firstName: String?
        var lastName: String?
        var emails: [ContactPoint]
        var phones: [ContactPoint]
        var addTime: String?
        var updateTime: String?
        /// Custom field key to its value as text (numbers as written; objects and lists left out).
        var customFields: [String: String]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            func text(_ name: String) throws -> String? {
                try container.decodeIfPresent(String.self, forKey: Key(stringValue: name))
            }
            func points(_ names: [String]) -> [ContactPoint] {
                for name in names {
                    if let list = try? container.decodeIfPresent([ContactPoint].self, forKey: Key(stringValue: name)) {
                        return list
                    }
                }
                return []
            }
            id = try container.decode(Int64.self, forKey: Key(stringValue: "id"))
            firstName = try? text("first_name")
            lastName = try? text("last_name")
            emails = points(["emails", "email"])
            phones = points(["phones", "phone"])
            addTime = try text("add_time")
            updateTime = try text("update_time")
            var fields: [String: String] = [:]
            if let custom = try? container.decodeIfPresent(
                [String: Scalar].self, forKey: Key(stringValue: "custom_fields"))
            {
                for (key, value) in custom { fields[key] = value.text }
            }
            // v1 keeps custom fields at the top level, under their 40-character hash keys.
            for key in container.allKeys where key.stringValue.utf8.count == 40 && fields[key.stringValue] == nil {
                fields[key.stringValue] = (try? container.decode(Scalar.self, forKey: key))?.text
            }
            customFields = fields
        }
    }

    /// A custom field's value when it is a string or a number; `nil` text otherwise.
    struct Scalar: Decodable {
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = nil
            }
        }
    }

    struct Pipeline: Decodable {
        var id: Int64
        var name: String
        var orderNr: Int?
        var isDeleted: Bool?

        enum CodingKeys: String, CodingKey {
            case id, name
            case orderNr = "order_nr"
            case isDeleted = "is_deleted"
        }
    }

    struct Stage: Decodable {
        var id: Int64
        var name: String
        var pipelineID: Int64
        var orderNr: Int?
        /// 0 to 100.
        var dealProbability: Int?
        var isDeleted: Bool?

        enum CodingKeys: String, CodingKey {
            case id, name
            case pipelineID = "pipeline_id"
            case orderNr = "order_nr"
            case dealProbability = "deal_probability"
            case isDeleted = "is_deleted"
        }
    }
}
