public import RevloopCore
internal import RevloopIdentity

/// Google Ads API v26, for developer tokens allowlisted for offline conversion import:
/// `:uploadClickConversions` for uploads and `:uploadConversionAdjustments` for restatements and
/// retractions (ad-platforms.md 1.3 and 1.10), both with `partialFailure: true`.
public struct GoogleAdsRenderer: WireRenderer {
    public var platform: Platform { .googleAds }
    public var batchLimit: Int { 2_000 }

    public init() {}

    /// The adjustment type of an operation, `nil` for an upload.
    static func adjustmentType(_ action: PlannedOperation.Action) -> String? {
        switch action {
        case .restate: "RESTATEMENT"
        case .retract: "RETRACTION"
        default: nil
        }
    }

    public func group(of event: ConversionEvent, action: PlannedOperation.Action) -> String {
        "\(event.account)|\(Self.adjustmentType(action) == nil ? "upload" : "adjust")"
    }

    public func open(
        _ first: ConversionEvent, action: PlannedOperation.Action, options: WireOptions, into json: inout JSONWriter
    ) -> (url: String, headers: [WireRequest.Header]) {
        let isAdjustment = Self.adjustmentType(action) != nil
        json.beginObject()
        json.key("partialFailure")
        json.boolean(true)
        json.key("validateOnly")
        json.boolean(options.validateOnly)
        json.key(isAdjustment ? "conversionAdjustments" : "conversions")
        json.beginArray()
        let base = options.baseURL ?? "https://googleads.googleapis.com"
        let method = isAdjustment ? "uploadConversionAdjustments" : "uploadClickConversions"
        return (
            "\(base)/\(options.googleAdsVersion)/customers/\(Self.customer(first.account)):\(method)",
            [.init("Authorization", options.authorization), .init("Content-Type", "application/json")]
        )
    }

    public func write(_ operation: PlannedOperation, options: WireOptions, into json: inout JSONWriter) {
        guard let event = operation.event else { return }
        let action = "customers/\(Self.customer(event.account))/conversionActions/\(event.target)"
        if let type = Self.adjustmentType(operation.action) {
            writeAdjustment(event, type: type, action: action, time: options.adjustmentTime, to: &json)
        } else {
            writeConversion(event, action: action, to: &json)
        }
    }

    /// The customer id as the path wants it: digits only (`123-456-7890` is written with dashes in the UI).
    static func customer(_ account: String) -> String { account.filter(\.isNumber) }

    func writeConversion(_ event: ConversionEvent, action: String, to json: inout JSONWriter) {
        let person = event.person
        json.beginObject()
        let clicks = GoogleAdIdentifiers.select(from: person.clicks, conversionTime: event.occurredAt)
        json.clickFields(clicks)
        json.field("conversionAction", action)
        json.field("conversionDateTime", GoogleAdsDateTime.format(event.occurredAt))
        json.key("conversionValue")
        json.number(decimalText: event.value.decimalString)
        json.field("currencyCode", event.value.currency.code)
        json.field("orderId", event.key.rawValue)
        let email = person.identifier(.googleEmail)
        let phone = person.identifier(.phoneE164)
        if email != nil || phone != nil {
            json.key("userIdentifiers")
            json.beginArray()
            if let email { json.identifierObject("hashedEmail", email) }
            if let phone { json.identifierObject("hashedPhoneNumber", phone) }
            json.endArray()
        }
        // Only ad_user_data applies to click conversions (ad-platforms.md 1.3).
        if person.consent.adUserData != .unknown {
            json.key("consent")
            json.beginObject()
            json.field("adUserData", person.consent.adUserData == .granted ? "GRANTED" : "DENIED")
            json.endObject()
        }
        json.endObject()
    }

    func writeAdjustment(
        _ event: ConversionEvent, type: String, action: String, time: Timestamp, to json: inout JSONWriter
    ) {
        json.beginObject()
        json.field("conversionAction", action)
        json.field("adjustmentType", type)
        json.field("orderId", event.key.rawValue)
        json.field(
            "adjustmentDateTime", GoogleAdsDateTime.format(max(time, event.occurredAt.adding(milliseconds: 1000))))
        if type == "RESTATEMENT" {
            json.key("restatementValue")
            json.beginObject()
            json.key("adjustedValue")
            json.number(decimalText: event.value.decimalString)
            json.field("currencyCode", event.value.currency.code)
            json.endObject()
        }
        json.endObject()
    }
}
