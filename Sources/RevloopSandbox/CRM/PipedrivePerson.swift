internal import Foundation

/// One person as the Pipedrive emulator holds it: emails and phones as lists of `{value, primary, label}`,
/// and custom fields (click ids among them) under Pipedrive's 40-character hash keys.
public struct PipedrivePerson: Hashable, Sendable {
    /// One email address or phone number of a person.
    public struct ContactPoint: Hashable, Sendable {
        public var value: String
        public var isPrimary: Bool
        public var label: String

        public init(value: String, isPrimary: Bool, label: String) {
            self.value = value
            self.isPrimary = isPrimary
            self.label = label
        }
    }

    public var id: Int64
    public var firstName: String
    public var lastName: String
    public var emails: [ContactPoint]
    public var phones: [ContactPoint]
    public var addTime: Int64
    public var updateTime: Int64
    /// Custom field key (a 40-character hash) to value.
    public var customFields: [String: String]

    public init(
        id: Int64, firstName: String, lastName: String, emails: [ContactPoint], phones: [ContactPoint], addTime: Int64,
        updateTime: Int64,
        customFields: [String: String] = [:]
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.emails = emails
        self.phones = phones
        self.addTime = addTime
        self.updateTime = updateTime
        self.customFields = customFields
    }

    /// The person as `GET /api/v2/persons` answers it.
    func json() -> [String: Any] {
        func points(_ list: [ContactPoint]) -> [[String: Any]] {
            list.map { ["value": $0.value, "primary": $0.isPrimary, "label": $0.label] }
        }
        return [
            "id": id, "name": [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " "),
            "first_name": firstName, "last_name": lastName, "emails": points(emails), "phones": points(phones),
            "add_time": PipedriveDeal.wireTime(addTime), "update_time": PipedriveDeal.wireTime(updateTime),
            "custom_fields": customFields, "is_deleted": false,
        ]
    }
}
