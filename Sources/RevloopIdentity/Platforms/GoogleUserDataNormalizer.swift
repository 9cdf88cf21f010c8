/// Google's rules (Data Manager and Google Ads API), as `google-ads-datamanager-util`'s `Formatter`
/// applies them, with phone numbers placed in E.164 (the formatter leaves that to the caller).
public struct GoogleUserDataNormalizer: UserDataNormalizer {
    public init() {}

    public func normalize(_ raw: String, field: IdentifierField, region: String?)
        -> Result<NormalizedIdentifier, NormalizationRefusal>
    {
        if field == .email, let fast = ASCIIEmail.read(raw) {
            switch fast {
            case .success(let email):
                guard let google = email.googleForm else {
                    return .failure(NormalizationRefusal("empty user after Gmail normalization"))
                }
                return .success(.normalized(google))
            case .failure(.whiteSpaceInside): return .failure(NormalizationRefusal("white space inside"))
            case .failure(.emptyPart): return .failure(NormalizationRefusal("empty user or domain"))
            case .failure(.notOneAt): break  // a hash, an empty value or no address: the general path says which
            }
        }
        guard let prepared = prepared(raw) else { return .success(.alreadyHashed(raw.trimmingUnicodeWhitespace())) }
        guard case .success(let value) = prepared else { return prepared.map { .normalized($0) } }
        switch field {
        case .email:
            return email(value).map { .normalized($0) }
        case .phone:
            return phoneE164(value, region: region).map { .normalized($0) }
        case .firstName, .lastName:
            return .success(.normalized(value.lowercased()))
        case .city, .state:
            // Lower case, then every character that is neither a word character nor white space removed.
            let kept = value.lowercased().unicodeScalars.filter {
                ($0.isLetterOrNumber && $0 != "_") || $0.properties.isWhitespace
            }
            let text = String(String.UnicodeScalarView(kept))
            return text.isEmpty ? .failure(.empty) : .success(.normalized(text))
        case .zip:
            return .success(.normalized(value))
        case .country:
            let upper = value.uppercased()
            guard upper.count == 2 else { return .failure(NormalizationRefusal("a region code has two letters")) }
            return .success(.normalized(upper))
        }
    }

    func email(_ value: String) -> Result<String, NormalizationRefusal> {
        guard !value.containsUnicodeWhitespace else { return .failure(NormalizationRefusal("white space inside")) }
        let lower = value.lowercased()
        let parts = lower.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(NormalizationRefusal("not of the form user@domain")) }
        guard !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(NormalizationRefusal("empty user or domain"))
        }
        guard parts[1] == "gmail.com" || parts[1] == "googlemail.com" else { return .success(lower) }
        let user = parts[0].split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0].filter {
            $0 != "."
        }
        guard !user.isEmpty else { return .failure(NormalizationRefusal("empty user after Gmail normalization")) }
        return .success(user + "@" + parts[1])
    }
}

extension Unicode.Scalar {
    /// A letter (any L category) or a number (any N category): what Python's `str.isalnum()` accepts.
    var isLetterOrNumber: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }
}
