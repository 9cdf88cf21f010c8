public import RevloopCore
internal import RevloopIdentity

/// Google Ads API v26, for developer tokens allowlisted for offline conversion import:
/// `:uploadClickConversions` for uploads and `:uploadConversionAdjustments` for restatements and
/// retractions (ad-platforms.md 1.3 and 1.10), both with `partialFailure: true`.
public struct GoogleAdsRenderer: WireRenderer {
    public var platform: Platform { .googleAds }
    public var batchLimit: Int { 2_000 }

    public init() {}

    public func requests(for operations: [PlannedOperation], options: WireOptions) -> [WireRequest] {
        var adjustments: [DedupKey: String] = [:]
        for operation in operations where operation.platform == platform {
            switch operation.action {
            case .restate: adjustments[operation.key] = "RESTATEMENT"
            case .retract: adjustments[operation.key] = "RETRACTION"
            default: break
            }
        }
        let base = options.baseURL ?? "https://googleads.googleapis.com"
        return batches(operations) { "\($0.account)|\(adjustments[$0.key] == nil ? "upload" : "adjust")" }.map {
            events in
            let customer = events[0].account.filter(\.isNumber)
            let isAdjustment = adjustments[events[0].key] != nil
            var json = JSONWriter(capacity: events.count * 500 + 128)
            json.beginObject()
            json.key(isAdjustment ? "conversionAdjustments" : "conversions")
            json.beginArray()
            for event in events {
                let action = "customers/\(customer)/conversionActions/\(event.target)"
                if let type = adjustments[event.key] {
                    writeAdjustment(event, type: type, action: action, time: options.adjustmentTime, to: &json)
                } else {
                    writeConversion(event, action: action, to: &json)
                }
            }
            json.endArray()
            json.key("partialFailure")
            json.boolean(true)
            json.key("validateOnly")
            json.boolean(options.validateOnly)
            json.endObject()
            let method = isAdjustment ? "uploadConversionAdjustments" : "uploadClickConversions"
            return WireRequest(
                platform: platform, method: "POST",
                url: "\(base)/\(options.googleAdsVersion)/customers/\(customer):\(method)",
                headers: [.init("Authorization", options.authorization), .init("Content-Type", "application/json")],
                body: json.bytes, keys: events.map(\.key))
        }
    }

    func writeConversion(_ event: ConversionEvent, action: String, to json: inout JSONWriter) {
        let person = event.person
        json.beginObject()
        let clicks = GoogleAdIdentifiers.select(from: person.clicks, conversionTime: event.occurredAt)
        if let gclid = clicks.gclid { json.field("gclid", gclid) }
        if let gbraid = clicks.gbraid { json.field("gbraid", gbraid) }
        if let wbraid = clicks.wbraid { json.field("wbraid", wbraid) }
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
            if let email {
                json.beginObject()
                json.field("hashedEmail", email)
                json.endObject()
            }
            if let phone {
                json.beginObject()
                json.field("hashedPhoneNumber", phone)
                json.endObject()
            }
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
