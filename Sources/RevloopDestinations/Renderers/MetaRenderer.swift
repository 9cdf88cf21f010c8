public import RevloopCore
internal import RevloopIdentity

/// Meta Conversions API: `POST /{version}/{dataset}/events` with CRM events in the Conversion Leads
/// shape (ad-platforms.md 2.2-2.6): `action_source: system_generated`, `event_source: crm`,
/// `lead_event_source` naming the CRM, `event_time` in unix seconds, the stage label as `event_name`.
public struct MetaRenderer: WireRenderer {
    public var platform: Platform { .meta }
    public var batchLimit: Int { 1_000 }
    /// Postal codes and countries repeat across people: each is normalized and hashed once.
    private let hashes = AddressPartHashes()

    public init() {}

    public func group(of event: ConversionEvent, action: PlannedOperation.Action) -> String { event.target }

    public func open(
        _ first: ConversionEvent, action: PlannedOperation.Action, options: WireOptions, into json: inout JSONWriter
    ) -> (url: String, headers: [WireRequest.Header]) {
        json.beginObject()
        if let code = options.metaTestEventCode { json.field("test_event_code", code) }
        json.key("data")
        json.beginArray()
        let base = options.baseURL ?? "https://graph.facebook.com"
        return (
            "\(base)/\(options.metaGraphVersion)/\(first.target)/events",
            [.init("Authorization", options.authorization), .init("Content-Type", "application/json")]
        )
    }

    public func write(_ operation: PlannedOperation, options: WireOptions, into json: inout JSONWriter) {
        if let event = operation.event { write(event, to: &json) }
    }

    func write(_ event: ConversionEvent, to json: inout JSONWriter) {
        let person = event.person
        json.beginObject()
        json.field("event_name", event.stageLabel)
        json.field("event_time", event.occurredAt.secondsSinceEpoch)
        json.field("event_id", event.key.rawValue)
        json.field("action_source", "system_generated")
        json.key("user_data")
        json.beginObject()
        func hashed(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            json.key(name)
            json.beginArray()
            json.string(value)
            json.endArray()
        }
        func normalizedHash(_ raw: String?, _ field: IdentifierField) -> String? {
            guard let raw else { return nil }
            return hashes.hash(raw, field)
        }
        hashed("em", person.identifier(.email))
        hashed("ph", person.identifier(.phoneDigits))
        hashed("fn", person.identifier(.firstName))
        hashed("ln", person.identifier(.lastName))
        hashed("ct", person.identifier(.city))
        hashed("zp", normalizedHash(person.postalCode, .zip))
        hashed("country", normalizedHash(person.countryCode, .country))
        hashed(
            "external_id", PassThroughIdentifiers.metaExternalID(connector: event.connector, contact: person.contactID))
        if let click = person.latestClick(.fbclid),
            let fbc = MetaClickParameter.fbc(fbclid: click.value, clickedAt: click.clickedAt)
        {
            json.field("fbc", fbc)
        }
        json.endObject()
        json.key("custom_data")
        json.beginObject()
        json.key("value")
        json.number(decimalText: event.value.decimalString)
        json.field("currency", event.value.currency.code.lowercased())
        json.field("event_source", "crm")
        json.field("lead_event_source", event.crmName)
        json.endObject()
        if event.limitedDataUse {
            json.key("data_processing_options")
            json.beginArray()
            json.string("LDU")
            json.endArray()
            json.field("data_processing_options_country", 0)
            json.field("data_processing_options_state", 0)
        }
        json.endObject()
    }
}
