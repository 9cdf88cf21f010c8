public import RevloopCore

/// LinkedIn Conversions API: `POST /rest/conversionEvents` as `BATCH_CREATE` with a pinned
/// `LinkedIn-Version` (ad-platforms.md 3.1-3.3): `conversionHappenedAt` in epoch milliseconds, the amount
/// as a decimal string, SHA-256 email and the first-party tracking UUID as user ids.
public struct LinkedInRenderer: WireRenderer {
    public var platform: Platform { .linkedIn }
    public var batchLimit: Int { 5_000 }

    public init() {}

    public func group(of event: ConversionEvent, action: PlannedOperation.Action) -> String { event.target }

    public func open(
        _ first: ConversionEvent, action: PlannedOperation.Action, options: WireOptions, into json: inout JSONWriter
    ) -> (url: String, headers: [WireRequest.Header]) {
        json.beginObject()
        json.key("elements")
        json.beginArray()
        return (
            (options.baseURL ?? "https://api.linkedin.com") + "/rest/conversionEvents",
            [
                .init("Authorization", options.authorization), .init("LinkedIn-Version", options.linkedInVersion),
                .init("X-Restli-Protocol-Version", "2.0.0"), .init("X-RestLi-Method", "BATCH_CREATE"),
                .init("Content-Type", "application/json"),
            ]
        )
    }

    public func write(_ operation: PlannedOperation, options: WireOptions, into json: inout JSONWriter) {
        if let event = operation.event { write(event, to: &json) }
    }

    func write(_ event: ConversionEvent, to json: inout JSONWriter) {
        let person = event.person
        json.beginObject()
        json.field("conversion", "urn:lla:llaPartnerConversion:\(event.target)")
        json.field("conversionHappenedAt", event.occurredAt.millisecondsSinceEpoch)
        json.key("conversionValue")
        json.beginObject()
        json.field("currencyCode", event.value.currency.code)
        json.field("amount", event.value.decimalString)
        json.endObject()
        json.field("eventId", event.key.rawValue)
        json.key("user")
        json.beginObject()
        json.key("userIds")
        json.beginArray()
        if let email = person.identifier(.email) {
            json.beginObject()
            json.field("idType", "SHA256_EMAIL")
            json.field("idValue", email)
            json.endObject()
        }
        if let click = person.latestClick(.linkedInFirstPartyID) {
            json.beginObject()
            json.field("idType", "LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID")
            json.field("idValue", click.value)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
    }
}
