internal import Foundation
internal import RevloopCore

/// The subset of SOQL the Salesforce emulator understands (crms.md 2.9): `SELECT` a field list `FROM` one
/// sObject, `WHERE` with `AND`, `OR`, `NOT` and parentheses over `=, !=, <, <=, >, >=, IN, NOT IN`,
/// unquoted date-time and date literals, quoted strings, numbers, `true`/`false`/`null`, then
/// `ORDER BY` fields `ASC`/`DESC` and `LIMIT`. Anything else is Salesforce's 400 `MALFORMED_QUERY`.
struct SOQLQuery {
    indirect enum Condition {
        case comparison(field: String, operation: String, literal: SalesforceValue)
        /// `IN` / `NOT IN`, its values as a set (a connector's `OpportunityId IN` lists hundreds of ids).
        case membership(field: String, values: Set<SalesforceValue>, isNegated: Bool)
        case all([Condition])
        case any([Condition])
        case not(Condition)
    }

    var fields: [String]
    var object: String
    var condition: Condition?
    var order: [(field: String, isDescending: Bool)] = []
    var limit: Int?

    /// Every field the query names (selected, filtered or ordered by).
    var namedFields: [String] {
        var names = fields + order.map(\.field)
        func collect(_ condition: Condition) {
            switch condition {
            case .comparison(let field, _, _), .membership(let field, _, _): names.append(field)
            case .all(let parts), .any(let parts): parts.forEach(collect)
            case .not(let inner): collect(inner)
            }
        }
        if let condition { collect(condition) }
        return names
    }

    /// The parsed query, or the message of a 400 `MALFORMED_QUERY`.
    static func parse(_ text: String) -> Result<SOQLQuery, SalesforceAPIError> {
        var parser = Parser(tokens: tokenize(text))
        do {
            return .success(try parser.query())
        } catch {
            return .failure(.malformedQuery(error.message))
        }
    }

    /// The rows that match, in the query's order, up to its limit.
    func run(on records: [SalesforceRecord], includeDeleted: Bool) -> [SalesforceRecord] {
        var matching = records.filter { record in
            (includeDeleted || !record.isDeleted) && (condition.map { Self.holds($0, for: record) } ?? true)
        }
        if !order.isEmpty {
            matching.sort { left, right in
                for (field, isDescending) in order {
                    let a = left.value(field)
                    let b = right.value(field)
                    if a == b { continue }
                    return isDescending ? SalesforceValue.precedes(b, a) : SalesforceValue.precedes(a, b)
                }
                return false
            }
        }
        if let limit, matching.count > limit { matching.removeLast(matching.count - limit) }
        return matching
    }

    private static func holds(_ condition: Condition, for record: SalesforceRecord) -> Bool {
        switch condition {
        case .comparison(let field, let operation, let literal):
            let value = record.value(field)
            switch operation {
            case "=": return value == literal
            case "!=", "<>": return value != literal
            default:
                if value == .null || literal == .null { return false }
                switch operation {
                case "<": return SalesforceValue.precedes(value, literal)
                case "<=": return value == literal || SalesforceValue.precedes(value, literal)
                case ">": return SalesforceValue.precedes(literal, value)
                default: return value == literal || SalesforceValue.precedes(literal, value)
                }
            }
        case .membership(let field, let values, let isNegated):
            return values.contains(record.value(field)) != isNegated
        case .all(let parts): return parts.allSatisfy { holds($0, for: record) }
        case .any(let parts): return parts.contains { holds($0, for: record) }
        case .not(let inner): return !holds(inner, for: record)
        }
    }

    /// Whether a literal can be compared with a field of this value (a date-time literal only with a
    /// date-time field, a date only with a date, as SOQL requires).
    static func literalFits(_ literal: SalesforceValue, field value: SalesforceValue) -> Bool {
        switch (literal, value) {
        case (.null, _), (_, .null): true
        case (.dateTime, .dateTime), (.date, .date), (.number, .number), (.boolean, .boolean), (.string, .string): true
        default: false
        }
    }

    // MARK: Parsing

    struct ParseError: Error { var message: String }

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case symbol(String)
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" {
                var value = ""
                index += 1
                while index < characters.count, characters[index] != "'" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
                index += 1
                tokens.append(.quoted(value))
            } else if "(),".contains(character) {
                tokens.append(.symbol(String(character)))
                index += 1
            } else if "=!<>".contains(character) {
                var symbol = String(character)
                if index + 1 < characters.count, "=>".contains(characters[index + 1]) {
                    symbol.append(characters[index + 1])
                }
                tokens.append(.symbol(symbol))
                index += symbol.count
            } else {
                var word = ""
                while index < characters.count, !characters[index].isWhitespace, !"(),'=!<>".contains(characters[index])
                {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word))
            }
        }
        return tokens
    }

    /// A literal's value: `'text'`, `true`, `false`, `null`, a date-time with a zone, a date, a number.
    static func literal(_ token: Token) -> SalesforceValue? {
        switch token {
        case .quoted(let text): return .string(text)
        case .symbol: return nil
        case .word(let word):
            switch word.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            default: break
            }
            if word.count == 10, CalendarDay(iso: word) != nil { return .date(word) }
            if word.contains("T"), let instant = RFC3339.parse(word) {
                return .dateTime(instant.millisecondsSinceEpoch)
            }
            if Double(word) != nil { return .number(word) }
            return nil
        }
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        mutating func next() -> Token? {
            guard position < tokens.count else { return nil }
            defer { position += 1 }
            return tokens[position]
        }

        func peekKeyword(_ keyword: String) -> Bool {
            guard position < tokens.count, case .word(let word) = tokens[position] else { return false }
            return word.caseInsensitiveCompare(keyword) == .orderedSame
        }

        mutating func expectKeyword(_ keyword: String) throws(ParseError) {
            guard peekKeyword(keyword) else { throw ParseError(message: "expecting '\(keyword.uppercased())'") }
            position += 1
        }

        mutating func identifier() throws(ParseError) -> String {
            guard case .word(let word)? = next(), word.first?.isLetter == true else {
                throw ParseError(message: "expecting a field or object name")
            }
            return word
        }

        mutating func query() throws(ParseError) -> SOQLQuery {
            try expectKeyword("select")
            var fields = [try identifier()]
            while position < tokens.count, tokens[position] == .symbol(",") {
                position += 1
                fields.append(try identifier())
            }
            try expectKeyword("from")
            var query = SOQLQuery(fields: fields, object: try identifier())
            if peekKeyword("where") {
                position += 1
                query.condition = try disjunction()
            }
            if peekKeyword("order") {
                position += 1
                try expectKeyword("by")
                while true {
                    let field = try identifier()
                    var isDescending = false
                    if peekKeyword("asc") {
                        position += 1
                    } else if peekKeyword("desc") {
                        position += 1
                        isDescending = true
                    }
                    if peekKeyword("nulls") { position += 2 }
                    query.order.append((field, isDescending))
                    guard position < tokens.count, tokens[position] == .symbol(",") else { break }
                    position += 1
                }
            }
            if peekKeyword("limit") {
                position += 1
                guard case .word(let word)? = next(), let limit = Int(word), limit >= 0 else {
                    throw ParseError(message: "LIMIT needs a whole number")
                }
                query.limit = limit
            }
            guard position == tokens.count else { throw ParseError(message: "unexpected token at the end") }
            return query
        }

        mutating func disjunction() throws(ParseError) -> Condition {
            var parts = [try conjunction()]
            while peekKeyword("or") {
                position += 1
                parts.append(try conjunction())
            }
            return parts.count == 1 ? parts[0] : .any(parts)
        }

        mutating func conjunction() throws(ParseError) -> Condition {
            var parts = [try unary()]
            while peekKeyword("and") {
                position += 1
                parts.append(try unary())
            }
            return parts.count == 1 ? parts[0] : .all(parts)
        }

        mutating func unary() throws(ParseError) -> Condition {
            if peekKeyword("not") {
                position += 1
                return .not(try unary())
            }
            if position < tokens.count, tokens[position] == .symbol("(") {
                position += 1
                let inner = try disjunction()
                guard next() == .symbol(")") else { throw ParseError(message: "expecting ')'") }
                return inner
            }
            let field = try identifier()
            var isNegated = false
            if peekKeyword("not") {
                position += 1
                isNegated = true
            }
            if peekKeyword("in") {
                position += 1
                guard next() == .symbol("(") else { throw ParseError(message: "expecting '(' after IN") }
                var values: [SalesforceValue] = []
                while true {
                    guard let token = next(), let value = SOQLQuery.literal(token) else {
                        throw ParseError(message: "expecting a value in the IN list")
                    }
                    values.append(value)
                    let separator = next()
                    if separator == .symbol(")") { break }
                    guard separator == .symbol(",") else { throw ParseError(message: "expecting ',' or ')'") }
                }
                return .membership(field: field, values: Set(values), isNegated: isNegated)
            }
            guard !isNegated else { throw ParseError(message: "expecting IN after NOT") }
            guard case .symbol(let operation)? = next(), ["=", "!=", "<>", "<", "<=", ">", ">="].contains(operation)
            else { throw ParseError(message: "expecting an operator after \(field)") }
            guard let token = next(), let literal = SOQLQuery.literal(token) else {
                throw ParseError(message: "expecting a value after \(field) \(operation)")
            }
            return .comparison(field: field, operation: operation, literal: literal)
        }
    }
}
