public import RevloopCore
internal import RevloopIdentity

/// Google through the Data Manager API: `POST /v1/events:ingest` with an `IngestEventsRequest`
/// (ad-platforms.md 1.13). Timestamps are RFC 3339; consent values are `CONSENT_GRANTED` / `CONSENT_DENIED`.
///
/// A restatement is the same event with the same `transactionId` and the new value; Data Manager has
/// no retraction type, so a retraction restates the value to zero.
public struct DataManagerRenderer: WireRenderer {
    public var platform: Platform { .googleDataManager }
    public var batchLimit: Int { 2_000 }

    public init() {}

    public func group(of event: ConversionEvent, action: PlannedOperation.Action) -> String {
        "\(event.account)|\(event.target)"
    }

    public func open(
        _ first: ConversionEvent, action: PlannedOperation.Action, options: WireOptions, into json: inout JSONWriter
    ) -> (url: String, headers: [WireRequest.Header]) {
        let event = first
        json.beginObject()
        json.key("destinations")
        json.beginArray()
        json.beginObject()
        json.key("operatingAccount")
        json.beginObject()
        json.field("accountType", "GOOGLE_ADS")
        json.field("accountId", event.account)
        json.endObject()
        json.field("productDestinationId", event.target)
        json.endObject()
        json.endArray()
        json.field("encoding", "HEX")
        json.key("validateOnly")
        json.boolean(options.validateOnly)
        json.key("events")
        json.beginArray()
        return (
            (options.baseURL ?? "https://datamanager.googleapis.com") + "/v1/events:ingest",
            [.init("Authorization", options.authorization), .init("Content-Type", "application/json")]
        )
    }

    public func write(_ operation: PlannedOperation, options: WireOptions, into json: inout JSONWriter) {
        if let event = operation.event { write(event, to: &json) }
    }

    func write(_ event: ConversionEvent, to json: inout JSONWriter) {
        let person = event.person
        json.beginObject()
        json.field("transactionId", event.key.rawValue)
        json.field("eventTimestamp", RFC3339.format(event.occurredAt, fractionalSeconds: true, useZ: true))
        let clicks = GoogleAdIdentifiers.select(from: person.clicks, conversionTime: event.occurredAt)
        if !clicks.isEmpty {
            json.key("adIdentifiers")
            json.beginObject()
            json.clickFields(clicks)
            json.endObject()
        }
        let email = person.identifier(.googleEmail)
        let phone = person.identifier(.phoneE164)
        let address = GoogleAddressIdentifier.make(for: person)
        if email != nil || phone != nil || address != nil {
            json.key("userData")
            json.beginObject()
            json.key("userIdentifiers")
            json.beginArray()
            if let email { json.identifierObject("emailAddress", email) }
            if let phone { json.identifierObject("phoneNumber", phone) }
            if let address {
                json.beginObject()
                json.key("address")
                json.beginObject()
                json.field("givenName", address.givenNameSHA256)
                json.field("familyName", address.familyNameSHA256)
                json.field("regionCode", address.regionCode)
                json.field("postalCode", address.postalCode)
                json.endObject()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        let consent = [
            ("adUserData", person.consent.adUserData), ("adPersonalization", person.consent.adPersonalization),
        ].filter { $0.1 != .unknown }
        if !consent.isEmpty {
            json.key("consent")
            json.beginObject()
            for (name, state) in consent {
                json.key(name)
                json.string(state == .granted ? "CONSENT_GRANTED" : "CONSENT_DENIED")
            }
            json.endObject()
        }
        json.field("currency", event.value.currency.code)
        json.key("conversionValue")
        json.number(decimalText: event.value.decimalString)
        json.endObject()
    }
}
