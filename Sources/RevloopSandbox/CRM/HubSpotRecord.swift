internal import Foundation
internal import RevloopCore

/// One CRM object (a deal or a contact) as the HubSpot emulator holds it: string-valued properties, as
/// HubSpot sends them, with the fields search filters on kept as numbers so a search over 100,000 deals
/// scans integers, not strings.
public struct HubSpotRecord: Hashable, Sendable {
    /// `hs_object_id`.
    public var id: Int64
    /// Every property's value as HubSpot's wire has it: a string (possibly empty); absent means `null`.
    public var properties: [String: String]
    /// Milliseconds since the epoch; `updatedAt` is also `hs_lastmodifieddate` / `lastmodifieddate`.
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Set when the record was deleted (archived).
    public var archivedAt: Int64?
    /// Property histories, newest first (as `propertiesWithHistory` returns them).
    public var history: [String: [HubSpotHistoryEntry]]

    public init(
        id: Int64, properties: [String: String], createdAt: Int64, updatedAt: Int64, archivedAt: Int64? = nil,
        history: [String: [HubSpotHistoryEntry]] = [:]
    ) {
        self.id = id
        self.properties = properties
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
        self.history = history
    }

    /// The properties every object carries whatever was asked for (HubSpot's defaults, **unverified**).
    static let alwaysReturned = ["hs_object_id", "createdate", "hs_lastmodifieddate", "lastmodifieddate"]

    /// A property's value as a string, the computed ones included.
    func value(_ name: String) -> String? {
        switch name {
        case "hs_object_id": String(id)
        case "hs_lastmodifieddate", "lastmodifieddate": Self.wireTime(updatedAt)
        case "createdate": Self.wireTime(createdAt)
        default: properties[name]
        }
    }

    /// A property as a number for comparisons: dates as epoch milliseconds, numeric strings as numbers.
    func number(_ name: String) -> Double? {
        switch name {
        case "hs_object_id": return Double(id)
        case "hs_lastmodifieddate", "lastmodifieddate": return Double(updatedAt)
        case "createdate": return Double(createdAt)
        default:
            guard let text = properties[name] else { return nil }
            return HubSpotRecord.numberOrTime(text)
        }
    }

    /// A filter or property value as a number: a plain number, or an ISO-8601 timestamp as epoch ms.
    static func numberOrTime(_ text: String) -> Double? {
        if let number = Double(text) { return number }
        return RFC3339.parse(text).map { Double($0.millisecondsSinceEpoch) }
    }

    /// HubSpot's v3 wire time: UTC, milliseconds, `Z`.
    static func wireTime(_ milliseconds: Int64) -> String {
        RFC3339.format(Timestamp(millisecondsSinceEpoch: milliseconds), useZ: true)
    }

    /// The object as `SimplePublicObject` JSON: the requested properties (all of them when `requested` is
    /// nil) plus the defaults, and the histories asked for.
    func json(requested: [String]?, withHistory: [String] = [], associations: [String: Any]? = nil) -> [String: Any] {
        var values: [String: Any] = [:]
        for name in Self.alwaysReturned { values[name] = value(name) ?? NSNull() }
        if let requested {
            for name in requested { values[name] = value(name) ?? NSNull() }
        } else {
            for (name, value) in properties { values[name] = value }
        }
        var object: [String: Any] = [
            "id": String(id), "properties": values, "createdAt": Self.wireTime(createdAt),
            "updatedAt": Self.wireTime(updatedAt), "archived": archivedAt != nil,
        ]
        if let archivedAt { object["archivedAt"] = Self.wireTime(archivedAt) }
        if !withHistory.isEmpty {
            var histories: [String: Any] = [:]
            for name in withHistory {
                histories[name] = (history[name] ?? []).map { entry -> [String: Any] in
                    ["value": entry.value, "timestamp": Self.wireTime(entry.timestamp), "sourceType": "CRM_UI"]
                }
            }
            object["propertiesWithHistory"] = histories
        }
        if let associations { object["associations"] = associations }
        return object
    }
}
