internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// Reads one platform's answers: turns an HTTP response into a `RequestOutcome`, keeping the platform's
/// own codes. One implementation per platform, in the platform's documented error model.
public protocol PlatformAnswers: Sendable {
    var platform: Platform { get }
    /// Whether the platform deduplicates a resent event by its id (Google by order or transaction id,
    /// Meta by event name and id). LinkedIn does not: an event resent after a lost answer counts twice.
    var deduplicatesResends: Bool { get }
    func outcome(of response: HTTPResponse, eventCount: Int) -> RequestOutcome
}

extension PlatformAnswers {
    /// The classification every platform shares for statuses its own error model does not cover.
    func generic(_ response: HTTPResponse, code: String? = nil) -> RequestOutcome {
        let code = code ?? "HTTP_\(response.status)"
        switch response.status {
        case 429, 500...599:
            return .retryable(code: code, after: response.retryAfterSeconds.map { .seconds($0) })
        case 401:
            return .unauthorized(code: code)
        case 403:
            return .stopped(code: code, advice: "the token lacks permission for this account or API: check its scopes")
        default:
            return .refused(code: code, located: [:])
        }
    }

    static func json(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// The answer reader for each platform.
public enum PlatformAnswersCatalog {
    public static func answers(for platform: Platform) -> any PlatformAnswers {
        switch platform {
        case .googleDataManager: DataManagerAnswers()
        case .googleAds: GoogleAdsAnswers()
        case .meta: MetaAnswers()
        case .linkedIn: LinkedInAnswers()
        }
    }
}
