internal import Foundation
internal import RevloopCore
public import RevloopHTTP

/// What the spend reports share: the bearer token, and retries of the answers worth retrying (429,
/// 5xx, no answer) by `RetryPolicy` through a `RetryLoop`, honouring `Retry-After`. Reports are reads:
/// resending one is safe.
public struct ReportingClient: Sendable {
    public var transport: any HTTPTransport
    public var tokens: any AccessTokenSource
    public var policy = RetryPolicy()
    public var delayClock: any DelayClock = SystemDelayClock()
    /// Seeds the backoff's jitter.
    public var jitterSeed: UInt64 = 0x5350_454E_44

    public init(transport: any HTTPTransport, tokens: any AccessTokenSource) {
        self.transport = transport
        self.tokens = tokens
    }

    /// The answer to `request` with a 2xx status, decoded as a JSON value; `what` names the report in errors.
    /// `transient` says which other answers are worth retrying (Meta throttles with a 400 and code 17).
    func json(
        _ request: HTTPRequest, what: String, transient: (HTTPResponse) -> Bool = { _ in false }
    ) async throws(SpendReportError) -> Any {
        var refreshed = false
        let loop = RetryLoop(policy: policy, clock: delayClock, jitterSeed: jitterSeed)
        return try await loop.run(
            attempt: { () throws(SpendReportError) -> RetryLoop.Attempt<Any> in
                while true {
                    var request = request
                    do {
                        request.headers["Authorization"] =
                            "Bearer " + (try await tokens.accessToken(refresh: false)).reveal()
                    } catch {
                        throw SpendReportError("\(what): no token: \(error)")
                    }
                    let response: HTTPResponse
                    do {
                        response = try await transport.send(request)
                    } catch {
                        return .failed(problem: "\(error)", retryAfter: nil)
                    }
                    if (200..<300).contains(response.status) {
                        guard let value = try? JSONSerialization.jsonObject(with: response.body) else {
                            throw SpendReportError("\(what): the answer is not JSON")
                        }
                        return .answered(value)
                    }
                    // A refused token is refreshed once and the request sent again, outside the budget.
                    if response.status == 401 && !refreshed {
                        refreshed = true
                        _ = try? await tokens.accessToken(refresh: true)
                        continue
                    }
                    guard response.status == 429 || response.status >= 500 || transient(response) else {
                        throw SpendReportError(
                            "\(what): HTTP \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))"
                                + (response.status == 401 || response.status == 403
                                    ? "; check the destination's token and that it may read reports" : ""))
                    }
                    return .failed(
                        problem: "HTTP \(response.status)",
                        retryAfter: response.headers["retry-after"].flatMap(Int.init).map { .seconds($0) })
                }
            },
            exhausted: { attempts, problem in
                SpendReportError("\(what): \(problem) after \(attempts) attempts; try again later")
            },
            cancelled: { SpendReportError("\(what): cancelled") })
    }
}
