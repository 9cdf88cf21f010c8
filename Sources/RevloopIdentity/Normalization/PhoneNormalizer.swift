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
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", digits.isEmpty {
                hasPlus = true
            } else if character.isLetter {
                return .failure(.letters)
            }
        }
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
            let rest = digits.dropFirst(length)
            if let trunk = plan.trunkPrefix, rest.hasPrefix(trunk),
                plan.nationalLengths.contains(rest.count - trunk.count)
            {
                return .success("+" + code + rest.dropFirst(trunk.count))
            }
            break
        }
        guard digits.count <= 15 else { return .failure(.tooLong) }
        return .success("+" + digits)
    }
}
