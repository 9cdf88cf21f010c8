internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// Meta Conversions API `POST /{version}/{dataset}/events` (ad-platforms.md 2.2-2.9): up to 1,000 events,
/// `event_time` in unix seconds no older than 7 days, hashed keys as 64-hex, and the whole request
/// refused on the first bad event with a Graph error that does not say which event it was. Events are
/// deduplicated by `event_name` + `event_id`; `test_event_code` routes a request to the Test Events tool.
struct MetaEmulator: PlatformEmulator {
    let platform = Platform.meta
    static let maxEvents = 1_000
    static let actionSources: Set<String> = [
        "email", "website", "app", "phone_call", "chat", "physical_store", "system_generated",
        "business_messaging", "other",
    ]

    func handles(path: String) -> Bool { path.hasSuffix("/events") && path.hasPrefix("/v") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        let token = EmulatorJSON.bearer(request) ?? EmulatorJSON.query(request.url)["access_token"]
        guard let token, !token.isEmpty, context.acceptsToken(token) else {
            return error(400, code: 190, "Invalid OAuth access token - Cannot parse access token", context: context)
        }
        guard let bytes = request.body, let body = try? JSONDecoder().decode(MetaEventsBody.self, from: bytes),
            let events = body.data, !events.isEmpty
        else {
            return error(400, code: 100, "The parameter data is required", context: context)
        }
        guard events.count <= Self.maxEvents else {
            return error(400, code: 100, "data: at most \(Self.maxEvents) events per request", context: context)
        }
        for event in events {
            if let problem = problem(in: event, context: context) {
                context.tally.count(platform) {
                    $0.refusedRequests += 1
                    $0.refusedEvents += 1
                }
                return error(400, code: 100, subcode: 2_804_003, problem, context: context)
            }
        }
        if let code = body.testEventCode, !code.isEmpty {
            context.tally.count(platform) { $0.test += events.count }
        } else {
            for event in events {
                let id = "\(event.eventName.value ?? "")|\(event.eventID.value ?? "")"
                context.tally.ingest(platform, id: id, value: event.value.value.map { "\($0)" } ?? "")
            }
        }
        return EmulatorJSON.response(
            200, ["events_received": events.count, "messages": [String](), "fbtrace_id": context.requestID])
    }

    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        switch fault {
        // Graph throttling arrives as a 400 with code 17 and `is_transient`, not as a 429.
        case .throttled:
            error(400, code: 17, "User request limit reached", transient: true, context: context)
        default:
            error(
                500, code: 2, "An unexpected error has occurred. Please retry your request later.", transient: true,
                context: context)
        }
    }

    /// What is wrong with one event, in Meta's words, or `nil`.
    private func problem(in event: MetaEvent, context: EmulatorContext) -> String? {
        guard let name = event.eventName.value, !name.isEmpty else { return "event_name is required" }
        guard let time = event.eventTime.value else { return "event_time must be unix seconds" }
        let now = context.now.secondsSinceEpoch
        if time > now + 60 { return "The timestamp for this event is in the future" }
        if time < now - 7 * 86_400 { return "The timestamp for this event is older than 7 days" }
        guard let source = event.actionSource.value, Self.actionSources.contains(source) else {
            return "action_source is not a valid value"
        }
        guard let id = event.eventID.value, !id.isEmpty else { return "event_id is required for CRM events" }
        guard let user = event.userData, !user.isEmpty else { return "user_data is required" }
        for (key, values) in user.hashed {
            if case .missing = values { continue }
            guard let list = values.value, list.allSatisfy(EmulatorJSON.isSHA256Hex) else {
                return "user_data.\(key) must be SHA-256 hashed"
            }
        }
        if case .wrongType = event.value { return "custom_data.value must be a number" }
        if case .wrongType = event.currency { return "custom_data.currency is invalid" }
        if let currency = event.currency.value, currency.count != 3 { return "custom_data.currency is invalid" }
        if context.faults.isPoisoned(id) { return "The event was rejected: invalid lead event" }
        return nil
    }

    /// A Graph API error body (`error.code`, `is_transient`, `fbtrace_id`).
    func error(
        _ status: Int, code: Int, subcode: Int? = nil, _ message: String, transient: Bool = false,
        context: EmulatorContext
    ) -> HTTPResponse {
        var error: [String: Any] = [
            "message": message, "type": "OAuthException", "code": code, "is_transient": transient,
            "fbtrace_id": context.requestID,
        ]
        if let subcode {
            error["error_subcode"] = subcode
            error["error_user_msg"] = message
        }
        return EmulatorJSON.response(status, ["error": error])
    }
}
