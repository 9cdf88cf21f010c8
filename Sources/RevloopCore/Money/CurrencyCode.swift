/// An ISO 4217 currency code such as `USD`, with the number of minor-unit digits it uses.
public struct CurrencyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three upper-case letters.
    public let code: String

    /// Creates a code from three ASCII letters (any case); `nil` for anything else.
    public init?(_ text: String) {
        var text = text
        let isUpper = text.withUTF8 { $0.count == 3 && $0.allSatisfy { $0 >= 65 && $0 <= 90 } }
        if isUpper {
            self.init(unchecked: text)
        } else {
            self.init(Substring(text))
        }
    }

    /// Creates a code from three ASCII letters (any case); `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        // Codes almost always arrive upper case already: no new string then.
        if text.utf8.count == 3, text.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
            self.code = String(text)
            return
        }
        let upper = text.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.code = upper
    }

    /// US dollars.
    public static let usd = CurrencyCode(unchecked: "USD")

    /// For codes known valid at compile time.
    package init(unchecked code: String) { self.code = code }

    /// Digits after the decimal point in this currency (ISO 4217 exponent): 2 unless listed.
    public var minorUnitDigits: Int {
        switch code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
            "XAF", "XOF", "XPF":
            return 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            return 3
        default:
            return 2
        }
    }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = CurrencyCode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a three-letter ISO 4217 currency code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
