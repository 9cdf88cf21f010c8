internal import Foundation

/// HubSpot's JSON shapes, as the `hubspot-api-client` 12.0.0 models describe them (crms.md 1.2 to 1.9),
/// decoded leniently: property values are strings or null, `toObjectId` a number or a string.
enum HubSpotWire {
    /// `SimplePublicObject` and `SimplePublicObjectWithAssociations`.
    struct Object: Decodable, Sendable {
        var id: String
        var properties: [String: String?]
        var createdAt: String?
        var updatedAt: String?
        var archived: Bool?
        var archivedAt: String?
        var propertiesWithHistory: [String: [ValueWithTimestamp]]?
        var associations: [String: AssociationList]?

        func property(_ name: String) -> String? {
            guard let value = properties[name], let value, !value.isEmpty else { return nil }
            return value
        }
    }

    struct ValueWithTimestamp: Decodable, Sendable {
        var value: String?
        var timestamp: String
    }

    /// The `associations` block of a list result.
    struct AssociationList: Decodable, Sendable {
        struct Entry: Decodable, Sendable { var id: FlexibleID }
        var results: [Entry]
    }

    struct Paging: Decodable {
        struct Next: Decodable { var after: String }
        var next: Next?
    }

    /// `CollectionResponseWithTotalSimplePublicObjectForwardPaging` (search) and the list's
    /// `CollectionResponseSimplePublicObjectWithAssociationsForwardPaging` (no `total`).
    struct Page: Decodable {
        var total: Int?
        var results: [Object]
        var paging: Paging?
    }

    /// `BatchResponseSimplePublicObject` (and the `WithErrors` variant: `numErrors`).
    struct BatchPage: Decodable {
        var results: [Object]
        var numErrors: Int?
    }

    /// `BatchResponsePublicAssociationMultiWithLabel`.
    struct AssociationPage: Decodable {
        struct Result: Decodable {
            struct From: Decodable { var id: FlexibleID }
            struct To: Decodable { var toObjectId: FlexibleID }
            var from: From
            var to: [To]
            var paging: Paging?
        }
        var results: [Result]
    }

    /// `CollectionResponsePipelineNoPaging`.
    struct PipelinePage: Decodable {
        struct Pipeline: Decodable {
            var id: String
            var label: String
            var displayOrder: Int?
            var stages: [Stage]
        }
        struct Stage: Decodable {
            var id: String
            var label: String
            var displayOrder: Int?
            var metadata: [String: String?]?
            var archived: Bool?
        }
        var results: [Pipeline]
    }

    /// HubSpot's error body: the SDK's `Error` keeps only `message`, `correlationId` and `category`; the
    /// rate-limit fields are read from the raw body.
    struct ErrorBody: Decodable {
        var message: String?
        var category: String?
        var correlationId: String?
        var errorType: String?
        var policyName: String?
    }

    /// An id sent as a JSON number (v4 `toObjectId`, crms.md 1.7) or a string.
    struct FlexibleID: Decodable, Sendable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}
