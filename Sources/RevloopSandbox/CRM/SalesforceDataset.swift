/// What the Salesforce emulator serves: sObject rows by type, each type's fields (what `describe` would
/// list, and what a query may name), in id order.
public struct SalesforceDataset: Sendable {
    /// Rows by sObject type (`Opportunity`, `OpportunityHistory`, `OpportunityContactRole`, `Contact`,
    /// `Lead`, `OpportunityStage`), each list in id order.
    public var objects: [String: [SalesforceRecord]]
    /// The fields of each type.
    public var schema: [String: Set<String>]

    public init(objects: [String: [SalesforceRecord]], schema: [String: Set<String>]) {
        self.objects = objects.mapValues { $0.sorted { $0.id < $1.id } }
        self.schema = schema
    }

    /// An 18-character id: the type's 3-character key prefix, the number in 12 digits, and `AAA` (the
    /// case-safe suffix real ids carry), so ids sort in number order.
    public static func id(prefix: String, number: Int64) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "AAA"
    }

    /// The index of the row with `id` in an id-ordered list.
    static func index(of id: String, in records: [SalesforceRecord]) -> Int? {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if records[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < records.count && records[low].id == id ? low : nil
    }

    /// Rows of a type that are not deleted.
    public func liveCount(_ type: String) -> Int { objects[type]?.count { !$0.isDeleted } ?? 0 }
}
