internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// LinkedIn Marketing API `GET /rest/adAccounts/{id}` (the account's `currency`) and
/// `GET /rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:(...),end:(...))`:
/// elements with `costInLocalCurrency` (a decimal string), `impressions`, `clicks`, `dateRange` and the
/// campaign URN in `pivotValues`. Both need `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`.
struct LinkedInAnalyticsEmulator: PlatformEmulator {
    let platform = Platform.linkedIn

    func handles(path: String) -> Bool { path.hasPrefix("/rest/adAnalytics") || path.hasPrefix("/rest/adAccounts/") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return EmulatorJSON.response(
                401, ["status": 401, "serviceErrorCode": 65600, "message": "Invalid access token"])
        }
        guard request.headers["x-restli-protocol-version"] == "2.0.0",
            let version = request.headers["linkedin-version"],
            LinkedInEmulator.isLive(version: version, now: context.now)
        else {
            return EmulatorJSON.response(
                426, ["status": 426, "code": "NONEXISTENT_VERSION", "message": "Requested version is not active"])
        }
        if path.hasPrefix("/rest/adAccounts/") {
            let id = String(path.dropFirst("/rest/adAccounts/".count))
            return EmulatorJSON.response(
                200, ["id": Int(id) ?? 0, "currency": "USD", "name": "Sandbox account", "status": "ACTIVE"])
        }
        let query = request.url.query ?? ""
        guard query.contains("q=analytics"), query.contains("pivot=CAMPAIGN"), query.contains("timeGranularity=DAILY"),
            let (from, through) = Self.dateRange(in: query)
        else {
            return EmulatorJSON.response(
                400,
                [
                    "status": 400,
                    "message": "q=analytics, pivot=CAMPAIGN, timeGranularity=DAILY and dateRange are required",
                ])
        }
        var elements: [[String: Any]] = []
        for day in SandboxSpend.days(from: from, through: through) {
            let (year, month, dayOfMonth) = day.components
            let date: [String: Any] = ["year": year, "month": month, "day": dayOfMonth]
            for campaign in SandboxSpend.campaigns["linkedin"] ?? [] {
                let spend = SandboxSpend.spend(campaign, on: day)
                elements.append([
                    "costInLocalCurrency": Money(minorUnits: spend, currency: .usd).decimalString,
                    "impressions": spend / 10, "clicks": spend / 1_000,
                    "dateRange": ["start": date, "end": date],
                    "pivotValues": ["urn:li:sponsoredCampaign:\(campaign.id)"],
                ])
            }
        }
        return EmulatorJSON.response(200, ["elements": elements, "paging": ["count": elements.count, "start": 0]])
    }

    /// LinkedIn's throttling and outage answers, as its conversions API gives them.
    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        LinkedInEmulator().faultResponse(fault, context: context)
    }

    /// `dateRange=(start:(year:Y,month:M,day:D),end:(year:Y,month:M,day:D))`, percent-encoded or not.
    static func dateRange(in query: String) -> (CalendarDay, CalendarDay)? {
        let text = query.removingPercentEncoding ?? query
        func day(after marker: String) -> CalendarDay? {
            guard let start = text.range(of: marker) else { return nil }
            let fields = text[start.upperBound...].prefix { $0 != ")" }.split(separator: ",")
            var parts: [String: Int] = [:]
            for field in fields {
                let pair = field.split(separator: ":")
                if pair.count == 2, let value = Int(pair[1]) { parts[String(pair[0])] = value }
            }
            guard let year = parts["year"], let month = parts["month"], let dayOfMonth = parts["day"] else {
                return nil
            }
            return CalendarDay(year: year, month: month, day: dayOfMonth)
        }
        guard let from = day(after: "start:("), let through = day(after: "end:(") else { return nil }
        return (from, through)
    }
}
