/// What Revloop knows of one country's telephone numbering: its calling code, trunk prefix and the
/// lengths of its national significant numbers.
///
/// A deliberately small table (no libphonenumber port is available): a national number from a country
/// not listed here is reported, never guessed.
public struct PhoneNumberPlan: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 region.
    public let region: String
    /// Country calling code, digits only (`44`).
    public let callingCode: String
    /// The national trunk prefix dialled before an area code at home (`0` in the UK), if any.
    public let trunkPrefix: String?
    /// Lengths a national significant number may have.
    public let nationalLengths: ClosedRange<Int>

    /// The plans Revloop knows, by region.
    public static let byRegion: [String: PhoneNumberPlan] = {
        let plans = [
            PhoneNumberPlan(region: "US", callingCode: "1", trunkPrefix: "1", nationalLengths: 10...10),
            PhoneNumberPlan(region: "CA", callingCode: "1", trunkPrefix: "1", nationalLengths: 10...10),
            PhoneNumberPlan(region: "GB", callingCode: "44", trunkPrefix: "0", nationalLengths: 9...10),
            PhoneNumberPlan(region: "IE", callingCode: "353", trunkPrefix: "0", nationalLengths: 7...9),
            PhoneNumberPlan(region: "DE", callingCode: "49", trunkPrefix: "0", nationalLengths: 6...13),
            PhoneNumberPlan(region: "FR", callingCode: "33", trunkPrefix: "0", nationalLengths: 9...9),
            PhoneNumberPlan(region: "ES", callingCode: "34", trunkPrefix: nil, nationalLengths: 9...9),
            // Italy keeps the leading 0 of landlines in the international form.
            PhoneNumberPlan(region: "IT", callingCode: "39", trunkPrefix: nil, nationalLengths: 6...11),
            PhoneNumberPlan(region: "NL", callingCode: "31", trunkPrefix: "0", nationalLengths: 9...9),
            PhoneNumberPlan(region: "SE", callingCode: "46", trunkPrefix: "0", nationalLengths: 7...9),
            PhoneNumberPlan(region: "CH", callingCode: "41", trunkPrefix: "0", nationalLengths: 9...9),
            PhoneNumberPlan(region: "PL", callingCode: "48", trunkPrefix: nil, nationalLengths: 9...9),
            PhoneNumberPlan(region: "AU", callingCode: "61", trunkPrefix: "0", nationalLengths: 9...9),
            PhoneNumberPlan(region: "JP", callingCode: "81", trunkPrefix: "0", nationalLengths: 9...10),
            PhoneNumberPlan(region: "IN", callingCode: "91", trunkPrefix: "0", nationalLengths: 10...10),
            PhoneNumberPlan(region: "BR", callingCode: "55", trunkPrefix: "0", nationalLengths: 10...11),
            PhoneNumberPlan(region: "MX", callingCode: "52", trunkPrefix: nil, nationalLengths: 10...10),
            PhoneNumberPlan(region: "SG", callingCode: "65", trunkPrefix: nil, nationalLengths: 8...8),
            PhoneNumberPlan(region: "ZA", callingCode: "27", trunkPrefix: "0", nationalLengths: 9...9),
        ]
        return Dictionary(uniqueKeysWithValues: plans.map { ($0.region, $0) })
    }()
}
