internal import Foundation

/// A `PublicObjectSearchRequest`, validated as HubSpot does (crms.md 1.3 and 1.12): known operators, at
/// most 5 filter groups, 10 filters a group and 25 in all, one sort, `limit` up to 200, and `after` an
/// offset that with `limit` stays within the 10,000 results one query can page through.
struct HubSpotSearchQuery {
    struct Filter {
        var property: String
        var operation: String
        var value: String?
        var highValue: String?
        var values: [String]
    }

    static let operators: Set<String> = [
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
        "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    ]
    /// Results one query can page through.
    static let resultCap = 10_000

    var groups: [[Filter]] = []
    var sortProperty = "hs_object_id"
    var isDescending = false
    var properties: [String]?
    var limit = 10
    var after = 0

    /// The query, or the message of HubSpot's 400 `VALIDATION_ERROR`.
    static func parse(_ body: Data?) -> Result<HubSpotSearchQuery, HubSpotAPIError> {
        guard let object = EmulatorJSON.object(body) else {
            return .failure(.validation("Invalid input JSON: the request body is not a JSON object"))
        }
        var query = HubSpotSearchQuery()
        let groups = object["filterGroups"] as? [[String: Any]] ?? []
        guard groups.count <= 5 else {
            return .failure(.validation("Too many filter groups (\(groups.count)); the maximum is 5"))
        }
        var total = 0
        for group in groups {
            let filters = group["filters"] as? [[String: Any]] ?? []
            guard filters.count <= 10 else {
                return .failure(.validation("Too many filters in a group (\(filters.count)); the maximum is 10"))
            }
            total += filters.count
            var parsed: [Filter] = []
            for filter in filters {
                guard let property = filter["propertyName"] as? String, let operation = filter["operator"] as? String
                else { return .failure(.validation("A filter needs propertyName and operator")) }
                guard operators.contains(operation) else {
                    return .failure(.validation("Unknown filter operator \(operation)"))
                }
                parsed.append(
                    Filter(
                        property: property, operation: operation, value: text(filter["value"]),
                        highValue: text(filter["highValue"]),
                        values: (filter["values"] as? [Any] ?? []).compactMap(text)))
            }
            query.groups.append(parsed)
        }
        guard total <= 25 else { return .failure(.validation("Too many filters (\(total)); the maximum is 25")) }
        // Sorts come as objects (Airbyte) or bare strings (the SDK's typing); one only.
        let sorts = object["sorts"] as? [Any] ?? []
        guard sorts.count <= 1 else { return .failure(.validation("Only one sort is allowed")) }
        if let sort = sorts.first as? [String: Any], let property = sort["propertyName"] as? String {
            query.sortProperty = property
            query.isDescending = (sort["direction"] as? String) == "DESCENDING"
        } else if let sort = sorts.first as? String {
            query.isDescending = sort.hasPrefix("-")
            query.sortProperty = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
        }
        query.properties = object["properties"] as? [String]
        if let limit = object["limit"] {
            guard let number = EmulatorJSON.integer(limit), (1...200).contains(number) else {
                return .failure(.validation("limit must be between 1 and 200"))
            }
            query.limit = Int(number)
        }
        if let after = object["after"] {
            guard let offset = text(after).flatMap({ Int($0) }), offset >= 0 else {
                return .failure(.validation("after must be a paging offset from paging.next.after"))
            }
            query.after = offset
        }
        guard query.after + query.limit <= resultCap else {
            return .failure(
                .validation(
                    "Search results are limited to \(resultCap); after \(query.after) with limit \(query.limit) goes past it"
                ))
        }
        return .success(query)
    }

    private static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        return EmulatorJSON.numberText(value)
    }

    /// Whether a record matches: filters ANDed within a group, groups ORed; no groups matches everything.
    func matches(_ record: HubSpotRecord) -> Bool {
        groups.isEmpty || groups.contains { group in group.allSatisfy { Self.matches($0, record) } }
    }

    private static func matches(_ filter: Filter, _ record: HubSpotRecord) -> Bool {
        func compare(_ operand: String?, _ check: (Double, Double) -> Bool) -> Bool {
            guard let operand, let target = HubSpotRecord.numberOrTime(operand),
                let value = record.number(filter.property)
            else { return false }
            return check(value, target)
        }
        let value = record.value(filter.property)
        switch filter.operation {
        case "EQ": return equal(value, filter.value, record, filter.property)
        case "NEQ": return !equal(value, filter.value, record, filter.property)
        case "LT": return compare(filter.value, <)
        case "LTE": return compare(filter.value, <=)
        case "GT": return compare(filter.value, >)
        case "GTE": return compare(filter.value, >=)
        case "BETWEEN": return compare(filter.value, >=) && compare(filter.highValue, <=)
        case "IN": return filter.values.contains { equal(value, $0, record, filter.property) }
        case "NOT_IN": return !filter.values.contains { equal(value, $0, record, filter.property) }
        case "HAS_PROPERTY": return value.map { !$0.isEmpty } ?? false
        case "NOT_HAS_PROPERTY": return value.map(\.isEmpty) ?? true
        case "CONTAINS_TOKEN": return tokenMatch(value, filter.value)
        default: return !tokenMatch(value, filter.value)
        }
    }

    private static func equal(_ value: String?, _ operand: String?, _ record: HubSpotRecord, _ property: String) -> Bool
    {
        guard let operand else { return value == nil }
        if let number = record.number(property), let target = HubSpotRecord.numberOrTime(operand) {
            return number == target
        }
        return value?.lowercased() == operand.lowercased()
    }

    private static func tokenMatch(_ value: String?, _ operand: String?) -> Bool {
        guard let value, let operand else { return false }
        let token = operand.lowercased().replacingOccurrences(of: "*", with: "")
        return value.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains {
            operand.hasSuffix("*") ? $0.hasPrefix(token) : $0 == token
        }
    }

    /// A filter on a field the record keeps as a number (id, modification and creation time), with its
    /// operands parsed once per query instead of once per record.
    private struct NumericFilter {
        enum Field { case id, updated, created }
        let field: Field
        let operation: String
        let low: Int64?
        let high: Int64?

        init?(_ filter: Filter) {
            switch filter.property {
            case "hs_object_id": field = .id
            case "hs_lastmodifieddate", "lastmodifieddate": field = .updated
            case "createdate": field = .created
            default: return nil
            }
            guard ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN"].contains(filter.operation) else { return nil }
            func integer(_ text: String?) -> Int64? {
                text.flatMap(HubSpotRecord.numberOrTime).flatMap { $0 == $0.rounded() ? Int64(exactly: $0) : nil }
            }
            operation = filter.operation
            low = integer(filter.value)
            high = integer(filter.highValue)
            guard low != nil, operation != "BETWEEN" || high != nil else { return nil }
        }

        func matches(_ value: Int64) -> Bool {
            guard let low else { return false }
            switch operation {
            case "EQ": return value == low
            case "NEQ": return value != low
            case "LT": return value < low
            case "LTE": return value <= low
            case "GT": return value > low
            case "GTE": return value >= low
            default: return value >= low && value <= (high ?? low)
            }
        }

        /// The smallest id this filter lets through, when it bounds ids from below.
        var lowestID: Int64? {
            guard field == .id, let low else { return nil }
            switch operation {
            case "GT": return low + 1
            case "GTE", "EQ", "BETWEEN": return low
            default: return nil
            }
        }
    }

    /// How many live records of `records` (id-ordered) match, and the page `[after, after + limit)` of them in
    /// the order asked. Numeric filters are compared as integers read in place, a scan in id order starts at
    /// the lowest id every filter group allows, and one pass counts and collects the page: paging through
    /// 100,000 deals by id costs a short scan per page.
    func run(on records: [HubSpotRecord]) -> (total: Int, page: [HubSpotRecord]) {
        let compiled = groups.map { group in group.map { (filter: $0, numeric: NumericFilter($0)) } }
        func matches(_ index: Int) -> Bool {
            guard records[index].archivedAt == nil else { return false }
            if compiled.isEmpty { return true }
            return compiled.contains { group in
                group.allSatisfy { entry in
                    guard let numeric = entry.numeric else { return Self.matches(entry.filter, records[index]) }
                    switch numeric.field {
                    case .id: return numeric.matches(records[index].id)
                    case .updated: return numeric.matches(records[index].updatedAt)
                    case .created: return numeric.matches(records[index].createdAt)
                    }
                }
            }
        }
        let range = after..<(after + limit)
        if sortProperty == "hs_object_id" {
            // Every group needs an id lower bound for the scan to skip what comes before it.
            let bounds = compiled.map { group in group.compactMap(\.numeric?.lowestID).max() }
            var start = 0
            if !isDescending, !bounds.isEmpty, bounds.allSatisfy({ $0 != nil }) {
                start = HubSpotDataset.firstIndex(atLeast: bounds.compactMap { $0 }.min() ?? 0, in: records)
            }
            var total = 0
            var page: [HubSpotRecord] = []
            let indices: [Int] = isDescending ? records.indices.reversed() : Array(start..<records.count)
            for index in indices where matches(index) {
                if range.contains(total) { page.append(records[index]) }
                total += 1
            }
            return (total, page)
        }
        var matching = records.indices.filter(matches)
        matching.sort { leftIndex, rightIndex in
            let (left, right) = (records[leftIndex], records[rightIndex])
            let (a, b) = (left.number(sortProperty), right.number(sortProperty))
            let ordered: Bool
            if let a, let b, a != b {
                ordered = a < b
            } else if a == b {
                ordered = left.id < right.id
            } else {
                ordered = (left.value(sortProperty) ?? "") < (right.value(sortProperty) ?? "")
            }
            return isDescending ? !ordered : ordered
        }
        return (matching.count, matching.dropFirst(after).prefix(limit).map { records[$0] })
    }
}
