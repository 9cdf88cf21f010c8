/// What Revloop knows of one region's telephone numbering: its calling code, trunk prefix and the
/// lengths its national significant numbers may have.
///
/// The table (`PhoneNumberPlan+Table.swift`) is generated from libphonenumber's metadata for the regions
/// whose trunk prefix is a plain prefix. A national number from a region not listed is reported, never
/// guessed; the conformance script checks the results against the `phonenumbers` package.
public struct PhoneNumberPlan: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 region.
    public let region: String
    /// Country calling code, digits only (`44`).
    public let callingCode: String
    /// The national trunk prefix dialled before an area code at home (`0` in the UK), if any.
    public let trunkPrefix: String?
    /// Lengths a national significant number may have.
    public let nationalLengths: Set<Int>

    /// The plans Revloop knows, by region.
    public static let byRegion: [String: PhoneNumberPlan] = Dictionary(
        generated.map { ($0.region, $0) }, uniquingKeysWith: { first, _ in first })

    /// The plan used for numbers written with a calling code: the first region listed for that code,
    /// with the national lengths of every region that shares it (`1`: the US and Canada).
    public static let byCallingCode: [String: PhoneNumberPlan] = Dictionary(
        generated.map { ($0.callingCode, $0) },
        uniquingKeysWith: { first, other in
            PhoneNumberPlan(
                region: first.region, callingCode: first.callingCode, trunkPrefix: first.trunkPrefix,
                nationalLengths: first.nationalLengths.union(other.nationalLengths))
        })

    /// The national significant number for national digits: the trunk prefix removed when what remains
    /// has a valid length; `nil` when no reading gives a valid length.
    func nationalSignificantNumber(_ digits: Substring) -> Substring? {
        if let trunk = trunkPrefix, digits.hasPrefix(trunk), nationalLengths.contains(digits.count - trunk.count) {
            return digits.dropFirst(trunk.count)
        }
        return nationalLengths.contains(digits.count) ? digits : nil
    }
}
