internal import RevloopCore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads one `deals.jsonl` line straight from its bytes into an `ExportDealLine`.
///
/// `JSONDecoder` on Linux reads a few tens of megabytes a second, and a million-deal export is about
/// 700 MB of JSON: this scanner knows the record's shape, skips unknown keys, and builds no intermediate
/// tree. It returns `nil` for anything it does not accept; the caller then asks `JSONDecoder` for the
/// diagnostic, so error messages stay the same and the fast path never guesses.
struct ExportDealLineScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ line: String) -> ExportDealLine? {
        var copy = line
        return copy.withUTF8 { parse($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExportDealLine? {
        var scanner = ExportDealLineScanner(bytes)
        guard let line = scanner.deal() else { return nil }
        scanner.skipWhiteSpace()
        return scanner.index == bytes.count ? line : nil
    }

    private static let dealKeys: [StaticString] = [
        "deal_id", "pipeline_id", "stage_id", "amount", "currency", "created_at", "updated_at", "close_date",
        "company_id", "lost_reason", "is_deleted", "contact_ids", "stage_history", "amount_history",
    ]
    private static let stageKeys: [StaticString] = ["stage_id", "entered_at"]
    private static let amountKeys: [StaticString] = ["amount", "currency", "changed_at"]

    private mutating func deal() -> ExportDealLine? {
        var dealID: String?
        var pipelineID: String?
        var stageID: String?
        var line = ExportDealLine(dealID: "", pipelineID: "", stageID: "")
        let complete = object(Self.dealKeys) { scanner, key in
            switch key {
            case 0: dealID = scanner.string()
            case 1: pipelineID = scanner.string()
            case 2: stageID = scanner.string()
            case 3: return scanner.optionalString(&line.amount)
            case 4: return scanner.optionalString(&line.currency)
            case 5: return scanner.timestamp(&line.createdAt, &line.createdAtParsed)
            case 6: return scanner.timestamp(&line.updatedAt, &line.updatedAtParsed)
            case 7: return scanner.optionalString(&line.closeDate)
            case 8: return scanner.optionalString(&line.companyID)
            case 9: return scanner.optionalString(&line.lostReason)
            case 10:
                if scanner.literal("null") { return true }
                guard let value = scanner.boolean() else { return false }
                line.isDeleted = value
            case 11:
                if scanner.literal("null") { return true }
                var ids: [String] = []
                guard scanner.array({ scanner in scanner.string().map { ids.append($0) } != nil }) else { return false }
                line.contactIDs = ids
            case 12:
                if scanner.literal("null") { return true }
                var stages: [ExportDealLine.Stage] = []
                guard scanner.array({ scanner in scanner.stage().map { stages.append($0) } != nil }) else {
                    return false
                }
                line.stageHistory = stages
            case 13:
                if scanner.literal("null") { return true }
                var amounts: [ExportDealLine.Amount] = []
                guard scanner.array({ scanner in scanner.amount().map { amounts.append($0) } != nil }) else {
                    return false
                }
                line.amountHistory = amounts
            default:
                return scanner.skipValue()
            }
            return true
        }
        guard complete, let dealID, let pipelineID, let stageID else { return nil }
        line.dealID = dealID
        line.pipelineID = pipelineID
        line.stageID = stageID
        return line
    }

    private mutating func stage() -> ExportDealLine.Stage? {
        var stageID: String?
        var enteredAt: String?
        var enteredAtParsed: Timestamp?
        let complete = object(Self.stageKeys) { scanner, key in
            switch key {
            case 0:
                stageID = scanner.string()
                return stageID != nil
            case 1: return scanner.timestamp(&enteredAt, &enteredAtParsed)
            default: return scanner.skipValue()
            }
        }
        guard complete, let stageID else { return nil }
        return ExportDealLine.Stage(stageID: stageID, enteredAt: enteredAt, enteredAtParsed: enteredAtParsed)
    }

    private mutating func amount() -> ExportDealLine.Amount? {
        var amount = ExportDealLine.Amount()
        let complete = object(Self.amountKeys) { scanner, key in
            switch key {
            case 0: scanner.optionalString(&amount.amount)
            case 1: scanner.optionalString(&amount.currency)
            case 2: scanner.timestamp(&amount.changedAt, &amount.changedAtParsed)
            default: scanner.skipValue()
            }
        }
        return complete ? amount : nil
    }

    // MARK: JSON grammar

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhiteSpace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A
                || bytes[index] == 0x0D
        {
            index += 1
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhiteSpace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhiteSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func boolean() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// An object whose members `member` reads, given the key's position in `keys` (`nil` for another
    /// key); `member` returns false to reject the object. Keys are matched on their bytes, no `String` made.
    private mutating func object(_ keys: [StaticString], _ member: (inout ExportDealLineScanner, Int?) -> Bool) -> Bool
    {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard consume(UInt8(ascii: "\"")) else { return false }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                // An escaped key is legal JSON but never written by exports: JSONDecoder takes the line.
                if bytes[index] == 92 { return false }
                index += 1
            }
            guard index < bytes.count else { return false }
            let key = Self.position(of: UnsafeBufferPointer(rebasing: bytes[start..<index]), in: keys)
            index += 1
            guard consume(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    private static func position(of key: UnsafeBufferPointer<UInt8>, in keys: [StaticString]) -> Int? {
        guard let base = key.baseAddress, !key.isEmpty else { return nil }
        for (position, candidate) in keys.enumerated() where candidate.utf8CodeUnitCount == key.count {
            if memcmp(candidate.utf8Start, base, key.count) == 0 { return position }
        }
        return nil
    }

    private mutating func array(_ element: (inout ExportDealLineScanner) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    /// A string or `null` into `target`.
    private mutating func optionalString(_ target: inout String?) -> Bool {
        if literal("null") {
            target = nil
            return true
        }
        guard let value = string() else { return false }
        target = value
        return true
    }

    /// A timestamp string or `null`: parsed straight from the bytes when it carries its zone (no `String`
    /// made), else kept as text for the record parser to apply the connector's zone or report it.
    private mutating func timestamp(_ text: inout String?, _ parsed: inout Timestamp?) -> Bool {
        if literal("null") {
            text = nil
            parsed = nil
            return true
        }
        skipWhiteSpace()
        guard current == UInt8(ascii: "\"") else { return false }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != 92, bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
            let value = RFC3339.parse(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), naiveOffsetSeconds: nil)
        {
            index = end + 1
            text = nil
            parsed = value
            return true
        }
        return optionalString(&text)
    }

    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == 92 { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// The slow path of `string()`, for text with backslash escapes.
    private mutating func escapedString(from start: Int) -> String? {
        var scalars = String.UnicodeScalarView()
        var plain = Array(bytes[start..<index])
        func flushPlain() {
            scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
            plain.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flushPlain()
                return String(scalars)
            case 92:
                guard let escape = current else { return nil }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), 92, UInt8(ascii: "/"): plain.append(escape)
                case UInt8(ascii: "b"): plain.append(0x08)
                case UInt8(ascii: "f"): plain.append(0x0C)
                case UInt8(ascii: "n"): plain.append(0x0A)
                case UInt8(ascii: "r"): plain.append(0x0D)
                case UInt8(ascii: "t"): plain.append(0x09)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(code) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    flushPlain()
                    scalars.append(scalar)
                default: return nil
                }
            default:
                if byte < 0x20 { return nil }
                plain.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Skips any JSON value (for keys the record does not use).
    private mutating func skipValue() -> Bool {
        skipWhiteSpace()
        switch current {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object([]) { scanner, _ in scanner.skipValue() }
        case UInt8(ascii: "["): return array { $0.skipValue() }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case .some(let byte) where byte == UInt8(ascii: "-") || (48...57).contains(byte):
            let start = index
            while let next = current,
                next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == UInt8(ascii: ".")
                    || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || (48...57).contains(next)
            {
                index += 1
            }
            return index > start
        default: return false
        }
    }
}
