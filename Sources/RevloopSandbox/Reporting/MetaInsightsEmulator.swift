internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// Meta Marketing API `GET /{version}/act_{id}/insights` at `level=campaign` with `time_increment=1`:
/// rows of `campaign_id`, `campaign_name`, `spend` (decimal string), `impressions`, `clicks` (strings),
/// `account_currency`, `date_start`, `date_stop`, `limit` rows a page with `paging.cursors` and `paging.next`.
struct MetaInsightsEmulator: PlatformEmulator {
    let platform = Platform.meta

    func handles(path: String) -> Bool { path.hasPrefix("/v") && path.contains("/act_") && path.hasSuffix("/insights") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return MetaEmulator().error(400, code: 190, "Invalid OAuth access token.", context: context)
        }
        let query = EmulatorJSON.query(request.url)
        guard query["level"] == "campaign", query["time_increment"] == "1",
            let range = query["time_range"].flatMap({ EmulatorJSON.object(Data($0.utf8)) }),
            let since = (range["since"] as? String).flatMap({ CalendarDay(iso: $0) }),
            let until = (range["until"] as? String).flatMap({ CalendarDay(iso: $0) })
        else {
            return MetaEmulator().error(
                400, code: 100, "(#100) level=campaign, time_increment=1 and time_range {since, until} are required",
                context: context)
        }
        var rows: [[String: Any]] = []
        for day in SandboxSpend.days(from: since, through: until) {
            for campaign in SandboxSpend.campaigns["meta"] ?? [] {
                let spend = SandboxSpend.spend(campaign, on: day)
                rows.append([
                    "campaign_id": campaign.id, "campaign_name": campaign.name,
                    "spend": Money(minorUnits: spend, currency: .usd).decimalString,
                    "impressions": String(spend / 10), "clicks": String(spend / 1_000), "account_currency": "USD",
                    "date_start": day.description, "date_stop": day.description,
                ])
            }
        }
        let limit = max(1, min(Int(query["limit"] ?? "") ?? 25, 5_000))
        let offset = Int(query["after"] ?? "") ?? 0
        let page = Array(rows.dropFirst(offset).prefix(limit))
        var paging: [String: Any] = ["cursors": ["before": String(offset), "after": String(offset + page.count)]]
        if offset + page.count < rows.count,
            var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        {
            components.queryItems =
                (components.queryItems ?? []).filter { $0.name != "after" }
                + [URLQueryItem(name: "after", value: String(offset + page.count))]
            paging["next"] = components.url?.absoluteString
        }
        return EmulatorJSON.response(200, ["data": page, "paging": paging])
    }

    /// Graph's throttling (a 400 with code 17) and outage answers, as the conversions API gives them.
    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        MetaEmulator().faultResponse(fault, context: context)
    }
}
