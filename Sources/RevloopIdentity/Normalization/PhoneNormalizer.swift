internal import Foundation

/// Phone numbers to E.164 (`+4420...`), from international or national spellings.
///
/// International input (`+`, or the `00` international prefix) keeps its country code; a trunk prefix
/// written after it (`+44 (0)20 ...`, `+44 020 ...`) is removed for known regions. National input takes
/// the contact's country, else the connector's default region, and loses its trunk prefix. Extensions
/// (`ext. 12`, `x12`, `#12`) are dropped. Anything that cannot be placed with confidence is refused with
/// a reason, so a wrong number is never hashed and sent.
public enum PhoneNormalizer {
    /// Why a number was refused.
    public enum Refusal: String, Error, Sendable, Hashable {
        case empty = "no digits"
        case letters = "contains letters"
        case unknownRegion = "national number from a region without a numbering plan in Revloop"
        case wrongLength = "wrong number of digits for its country"
        case tooLong = "more than 15 digits"
        case tooShort = "fewer than 8 digits"
    }

    /// The number in E.164 with its `+`, or why not.
    public static func e164(_ raw: String, region: String?) -> Result<String, Refusal> {
        if let digits = asciiDigits(raw) {
            return digits.flatMap { place($0.digits, hasPlus: $0.hasPlus, region: region) }
        }
        var text = Substring(raw.lowercased())
        for marker in ["ext", "x", "#"] {
            if let range = text.range(of: marker) { text = text[..<range.lowerBound] }
        }
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("+") || trimmed.hasPrefix("00") {
            // "+44 (0)20 ...": a trunk prefix people write in brackets after the country code.
            text = Substring(text.replacingOccurrences(of: "(0)", with: ""))
        }
        var digits = ""
        var hasPlus = false
        for character in text {
            if character.isNumber, let value = character.wholeNumberValue, (0...9).contains(value),
                character.unicodeScalars.count == 1,
                character.unicodeScalars.first?.properties.numericType == .decimal
            {
                // Any script's decimal digits (fullwidth, Arabic-Indic) read as ASCII digits.
                digits.append(Character(String(value)))
            } else if character == "+", digits.isEmpty {
                hasPlus = true
            } else if character.isLetter {
                return .failure(.letters)
            }
        }
        return place(digits, hasPlus: hasPlus, region: region)
    }

    /// The digits of plain-ASCII input and whether it began with `+`, read byte by byte (the fast path);
    /// `nil` when the input is not ASCII.
    static func asciiDigits(_ raw: String) -> Result<(digits: String, hasPlus: Bool), Refusal>? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
        }
        // Extensions: everything from "ext", "x" or "#" on, as the Unicode path cuts them.
        if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "#") }) {
            let isExt =
                bytes[cut] == UInt8(ascii: "x") && cut >= 1 && bytes[cut - 1] == UInt8(ascii: "e")
                && cut + 1 < bytes.count && bytes[cut + 1] == UInt8(ascii: "t")
            bytes.removeSubrange((isExt ? cut - 1 : cut)...)
        }
        let firstNonSpace = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
        let international =
            bytes[firstNonSpace...].first == UInt8(ascii: "+")
            || bytes[firstNonSpace...].starts(with: [UInt8(ascii: "0"), UInt8(ascii: "0")])
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var hasPlus = false
        var index = firstNonSpace
        while index < bytes.count {
            let byte = bytes[index]
            if international, byte == UInt8(ascii: "("), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "0"),
                bytes[index + 2] == UInt8(ascii: ")")
            {
                // "+44 (0)20 ...": a trunk prefix people write in brackets after the country code.
                index += 3
                continue
            }
            if byte >= 48, byte <= 57 {
                digits.append(byte)
            } else if byte == UInt8(ascii: "+"), digits.isEmpty {
                hasPlus = true
            } else if byte >= 97, byte <= 122 {
                return .failure(.letters)
            }
            index += 1
        }
        return .success((String(decoding: digits, as: UTF8.self), hasPlus))
    }

    /// E.164 from the digits: international when they came with `+` or `00`, else national in `region`.
    static func place(_ digits: String, hasPlus: Bool, region: String?) -> Result<String, Refusal> {
        var digits = digits
        var hasPlus = hasPlus
        guard !digits.isEmpty else { return .failure(.empty) }
        if !hasPlus, digits.hasPrefix("00") {
            hasPlus = true
            digits.removeFirst(2)
        }
        if hasPlus { return international(digits) }
        guard let region, let plan = PhoneNumberPlan.byRegion[region.uppercased()] else {
            return .failure(.unknownRegion)
        }
        guard let national = plan.nationalSignificantNumber(Substring(digits)) else {
            return .failure(.wrongLength)
        }
        return .success("+" + plan.callingCode + national)
    }

    /// Digits that start with a calling code.
    private static func international(_ digits: String) -> Result<String, Refusal> {
        guard digits.count <= 16 else { return .failure(.tooLong) }
        guard digits.count >= 8 else { return .failure(.tooShort) }
        for length in 1...3 {
            let code = String(digits.prefix(length))
            guard let plan = PhoneNumberPlan.byCallingCode[code] else { continue }
            // A known country: the national part must have one of its lengths (after a stray trunk prefix).
            guard let national = plan.nationalSignificantNumber(digits.dropFirst(length)) else {
                return .failure(.wrongLength)
            }
            return .success("+" + code + national)
        }
        guard digits.count <= 15 else { return .failure(.tooLong) }
        return .success("+" + digits)
    }
}
