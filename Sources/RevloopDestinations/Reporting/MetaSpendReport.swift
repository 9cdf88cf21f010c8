internal import Foundation
public import RevloopCore
internal import RevloopHTTP

/// Meta Marketing API insights: `GET /{version}/act_{id}/insights` at `level=campaign` with
/// `time_increment=1` (one row per campaign and day), `spend` a decimal string in `account_currency`,
/// pages followed through `paging.next`.
public struct MetaSpendReport: SpendReport {
    public let channel = "meta"
    public var client: ReportingClient
    public var baseURL: String
    public var version: String

    public init(client: ReportingClient, baseURL: String? = nil, version: String = "v26.0") {
        self.client = client
        self.baseURL = baseURL ?? "https://graph.facebook.com"
        self.version = version
    }

    public func spend(account: String, from: CalendarDay, through: CalendarDay) async throws(SpendReportError)
        -> [SpendRow]
    {
        let id = account.hasPrefix("act_") ? String(account.dropFirst(4)) : account
        guard !id.isEmpty, id.allSatisfy(\.isNumber),
            var components = URLComponents(string: "\(baseURL)/\(version)/act_\(id)/insights")
        else { throw SpendReportError("meta: '\(account)' is not an ad account id (act_1234567890)") }
        components.queryItems = [
            URLQueryItem(name: "level", value: "campaign"), URLQueryItem(name: "time_increment", value: "1"),
            URLQueryItem(
                name: "fields", value: "campaign_id,campaign_name,spend,impressions,clicks,account_currency"),
            URLQueryItem(name: "time_range", value: #"{"since":"\#(from)","until":"\#(through)"}"#),
            URLQueryItem(name: "limit", value: "500"),
        ]
        var next = components.url
        var rows: [SpendRow] = []
        var pages = 0
        while let url = next {
            pages += 1
            guard pages <= 10_000 else {
                throw SpendReportError("meta spend: more than 10,000 pages; narrow the dates")
            }
            guard
                let page = try await client.json(
                    HTTPRequest(method: "GET", url: url), what: "meta spend", transient: Self.isTransient)
                    as? [String: Any]
            else { throw SpendReportError("meta spend: the answer is not an object") }
            for row in page["data"] as? [[String: Any]] ?? [] {
                guard let dayText = row["date_start"] as? String, let day = CalendarDay(iso: dayText),
                    let code = row["account_currency"] as? String, let currency = CurrencyCode(code),
                    let spendText = row["spend"] as? String, let spend = Money(decimal: spendText, currency: currency)
                else { throw SpendReportError("meta spend: a row without date_start, account_currency or spend") }
                rows.append(
                    SpendRow(
                        day: day, channel: channel,
                        campaign: row["campaign_name"] as? String ?? (row["campaign_id"] as? String ?? "?"),
                        spend: spend, impressions: Int64(row["impressions"] as? String ?? "") ?? 0,
                        clicks: Int64(row["clicks"] as? String ?? "") ?? 0, campaignID: row["campaign_id"] as? String))
            }
            next = ((page["paging"] as? [String: Any])?["next"] as? String).flatMap(URL.init(string:))
        }
        return rows
    }

    /// Graph errors worth retrying whatever the status: `is_transient`, or a throttling or temporary code.
    static func isTransient(_ response: HTTPResponse) -> Bool {
        let error =
            (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["error"] as? [String: Any]
        if error?["is_transient"] as? Bool == true { return true }
        return [1, 2, 4, 17, 32, 341, 613, 80004].contains(error?["code"] as? Int ?? 0)
    }
}
