internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// Meta Conversions API answers (ad-platforms.md 2.5): 200 `{events_received}`; otherwise the Graph
/// error object. `is_transient` and the throttling codes (4, 17, 341, 80004) are retried whatever the
/// HTTP status; 190 (token) stops the platform; anything else refuses the whole request without naming
/// the event, so the culprit is found by splitting.
public struct MetaAnswers: PlatformAnswers {
    public var platform: Platform { .meta }
    public var deduplicatesResends: Bool { true }

    static let throttling: Set<Int> = [4, 17, 32, 341, 613, 80_004]

    public init() {}

    public func outcome(of response: HTTPResponse, eventCount: Int) -> RequestOutcome {
        let body = Self.json(response.body)
        if (200..<300).contains(response.status) {
            return .delivered(requestID: body?["fbtrace_id"] as? String, exceptions: [:])
        }
        guard let error = body?["error"] as? [String: Any] else { return generic(response) }
        let number = (error["code"] as? NSNumber)?.intValue ?? 0
        let subcode = (error["error_subcode"] as? NSNumber)?.intValue
        let code = "GRAPH_\(number)" + (subcode.map { "_\($0)" } ?? "")
        if error["is_transient"] as? Bool == true || Self.throttling.contains(number) || number == 1 || number == 2 {
            return .retryable(code: code, after: response.retryAfterSeconds.map { .seconds($0) })
        }
        if number == 190 || number == 102 { return .unauthorized(code: code) }
        if number == 10 || (200...299).contains(number) {
            return .stopped(
                code: code, advice: "the token lacks permission on this dataset: grant it in Business Manager")
        }
        if response.status >= 500 { return generic(response, code: code) }
        return .refused(code: code, located: [:])
    }
}
