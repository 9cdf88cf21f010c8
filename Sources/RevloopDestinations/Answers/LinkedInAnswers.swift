internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// LinkedIn Conversions API answers (ad-platforms.md 3.3): a batch is all or nothing; a 422 names the bad
/// events in `Index: N, ERROR :: /path :: message` lines (the rest are resent); a 426 means the pinned
/// `LinkedIn-Version` is retired.
public struct LinkedInAnswers: PlatformAnswers {
    public var platform: Platform { .linkedIn }
    public var deduplicatesResends: Bool { false }

    public init() {}

    public func outcome(of response: HTTPResponse, eventCount: Int) -> RequestOutcome {
        let body = Self.json(response.body)
        let requestID = response.headers["x-li-uuid"]
        if (200..<300).contains(response.status) {
            var exceptions: [Int: EventVerdict] = [:]
            for (index, element) in (body?["elements"] as? [[String: Any]] ?? []).enumerated() {
                let status = (element["status"] as? NSNumber)?.intValue ?? 201
                if !(200..<300).contains(status) { exceptions[index] = .rejected(code: "STATUS_\(status)") }
            }
            return .delivered(requestID: requestID, exceptions: exceptions)
        }
        let message = body?["message"] as? String ?? ""
        let code = body?["code"] as? String ?? "HTTP_\(response.status)"
        switch response.status {
        case 426:
            return .stopped(
                code: code,
                advice:
                    "LinkedIn retired the pinned API version: set `api_version` for this destination in revloop.yaml to a current YYYYMM (versions live about a year)"
            )
        case 422:
            var located: [Int: String] = [:]
            for line in message.split(separator: "\n") {
                guard line.hasPrefix("Index: "), let comma = line.firstIndex(of: ","),
                    let index = Int(line[line.index(line.startIndex, offsetBy: 7)..<comma]), index < eventCount
                else { continue }
                let parts = line.components(separatedBy: " :: ")
                located[index] = parts.count > 1 ? "INVALID \(parts[1])" : "INVALID"
            }
            return .refused(code: "HTTP_422", located: located)
        default:
            return generic(response, code: code)
        }
    }
}
