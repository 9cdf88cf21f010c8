/// One sObject row as the Salesforce emulator holds it: its 18-character id and its fields by API name.
public struct SalesforceRecord: Hashable, Sendable {
    /// The 18-character case-safe id.
    public var id: String
    /// Fields by API name (`StageName`, `GCLID__c`); a field absent here is `null`.
    public var fields: [String: SalesforceValue]

    public init(id: String, fields: [String: SalesforceValue]) {
        self.id = id
        self.fields = fields
    }

    /// A field's value (`Id` included).
    func value(_ field: String) -> SalesforceValue {
        field == "Id" ? .string(id) : fields[field] ?? .null
    }

    /// Deleted (in the recycle bin, or merged away): only `queryAll` returns it.
    var isDeleted: Bool { fields["IsDeleted"] == .boolean(true) }

    /// The record as a query answers it: `attributes`, then the selected fields in the order asked for.
    func json(type: String, fields selected: [String], version: String) -> String {
        var out = "{\"attributes\":{\"type\":\(SalesforceValue.quoted(type)),\"url\":"
        out += SalesforceValue.quoted("/services/data/v\(version)/sobjects/\(type)/\(id)") + "}"
        for field in selected {
            out += "," + SalesforceValue.quoted(field) + ":" + value(field).json
        }
        return out + "}"
    }
}
