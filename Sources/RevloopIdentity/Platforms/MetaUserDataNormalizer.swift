/// Meta's rules for Conversions API `user_data` (ad-platforms.md 2.3), as `facebook-business`
/// applies them, except where the SDK is wrong by Meta's own documentation:
/// - phone numbers get their country code (the SDK hashes a national number as it is, so it never matches);
/// - an email with white space inside is refused (the SDK's pattern `.+@.+\..+` lets it through).
public struct MetaUserDataNormalizer: UserDataNormalizer {
    public init() {}

    public func normalize(_ raw: String, field: IdentifierField, region: String?)
        -> Result<NormalizedIdentifier, NormalizationRefusal>
    {
        if field == .email, let fast = ASCIIEmail.read(raw) {
            switch fast {
            case .success(let email) where email.hasDottedDomain: return .success(.normalized(email.text))
            case .success, .failure(.emptyPart):
                return .failure(NormalizationRefusal("not of the form user@domain.tld"))
            case .failure(.whiteSpaceInside): return .failure(NormalizationRefusal("white space inside"))
            case .failure(.notOneAt): break  // a hash, an empty value or no address: the general path says which
            }
        }
        // The SDK lower-cases before it trims and before it checks for a hash.
        let lowered = raw.lowercased()
        guard let prepared = prepared(lowered) else {
            return .success(.alreadyHashed(lowered.trimmingUnicodeWhitespace()))
        }
        guard case .success(let value) = prepared else { return prepared.map { .normalized($0) } }
        switch field {
        case .email:
            guard !value.containsUnicodeWhitespace else { return .failure(NormalizationRefusal("white space inside")) }
            let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let dot = parts[1].dropFirst().firstIndex(of: "."),
                dot < parts[1].index(before: parts[1].endIndex)
            else { return .failure(NormalizationRefusal("not of the form user@domain.tld")) }
            return .success(.normalized(value))
        case .phone:
            return phoneE164(value, region: region).map { .normalized(String($0.dropFirst())) }
        case .firstName, .lastName:
            return .success(.normalized(value))
        case .city, .state:
            if value.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII, the common case: the same rule on bytes (ASCII white space is 0x09-0x0D and space).
                let kept = value.utf8.filter { byte in
                    !(byte == 0x2E || byte == 0x2D || byte == 0x28 || byte == 0x29 || byte == 0x20
                        || (0x09...0x0D).contains(byte) || (0x30...0x39).contains(byte))
                }
                let text = String(decoding: kept, as: UTF8.self)
                return text.isEmpty ? .failure(.empty) : .success(.normalized(text))
            }
            let removed: Set<Unicode.Scalar> = [".", "-", "(", ")"]
            let kept = value.unicodeScalars.filter {
                !removed.contains($0) && !$0.properties.isWhitespace && $0.properties.generalCategory != .decimalNumber
            }
            let text = String(String.UnicodeScalarView(kept))
            return text.isEmpty ? .failure(.empty) : .success(.normalized(text))
        case .zip:
            let compact = String(String.UnicodeScalarView(value.unicodeScalars.filter { !$0.properties.isWhitespace }))
            let text = String(compact.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)[0])
            return text.isEmpty ? .failure(.empty) : .success(.normalized(text))
        case .country:
            let letters = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 >= "a" && $0 <= "z" }))
            guard ISO3166.alpha2.contains(letters.uppercased()) else {
                return .failure(NormalizationRefusal("not an ISO 3166-1 alpha-2 country code"))
            }
            return .success(.normalized(letters))
        }
    }
}
