internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// Data Manager `events:ingest` answers (ad-platforms.md 1.13): 200 `{requestId}` means ingested (the
/// processing outcome comes later from `requestStatus:retrieve`); a 400 fails the whole request, and
/// its `google.rpc.BadRequest` field violations name the bad events as `events[N]...`.
public struct DataManagerAnswers: PlatformAnswers {
    public var platform: Platform { .googleDataManager }
    public var deduplicatesResends: Bool { true }

    public init() {}

    public func outcome(of response: HTTPResponse, eventCount: Int) -> RequestOutcome {
        let body = Self.json(response.body)
        if (200..<300).contains(response.status) {
            return .delivered(requestID: body?["requestId"] as? String, exceptions: [:])
        }
        let error = body?["error"] as? [String: Any]
        let details = error?["details"] as? [[String: Any]] ?? []
        let reason = details.lazy.compactMap { $0["reason"] as? String }.first
        let status = error?["status"] as? String
        let code = reason ?? status ?? "HTTP_\(response.status)"
        if response.status == 400 {
            var located: [Int: String] = [:]
            for detail in details {
                for violation in detail["fieldViolations"] as? [[String: Any]] ?? [] {
                    guard let field = violation["field"] as? String, let index = Self.eventIndex(field) else {
                        continue
                    }
                    located[index] = located[index] ?? (violation["reason"] as? String ?? code)
                }
            }
            return .refused(code: code, located: located.filter { $0.key < eventCount })
        }
        if response.status == 429 || status == "RESOURCE_EXHAUSTED" {
            return .retryable(code: code, after: response.retryAfterSeconds.map { .seconds($0) })
        }
        return generic(response, code: code)
    }

    /// `events[12].userData...` -> 12.
    static func eventIndex(_ field: String) -> Int? {
        guard field.hasPrefix("events["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 7)..<close])
    }
}
