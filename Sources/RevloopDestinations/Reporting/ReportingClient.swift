internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// What the spend reports share: the bearer token, and retries of the answers worth retrying (429,
/// 5xx, no answer) by `RetryPolicy`, honouring `Retry-After`. Reports are reads: resending one is safe.
public struct ReportingClient: Sendable {
    public var transport: any HTTPTransport
    public var tokens: any AccessTokenSource
    public var policy = RetryPolicy()
    public var delayClock: any DelayClock = SystemDelayClock()
    /// Draws for the backoff's jitter.
    public var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init(transport: any HTTPTransport, tokens: any AccessTokenSource) {
        self.transport = transport
        self.tokens = tokens
    }

    /// The answer to `request` with a 2xx status, decoded as a JSON value; `what` names the report in errors.
    /// `transient` says which other answers are worth retrying (Meta throttles with a 400 and code 17).
    func json(
        _ request: HTTPRequest, what: String, transient: (HTTPResponse) -> Bool = { _ in false }
    ) async throws(SpendReportError) -> Any {
        var request = request
        let started = delayClock.now()
        var attempt = 1
        var refreshed = false
        while true {
            do {
                request.headers["Authorization"] = "Bearer " + (try await tokens.accessToken(refresh: false)).reveal()
            } catch {
                throw SpendReportError("\(what): no token: \(error.message)")
            }
            var retryAfter: Duration?
            let failure: String
            do {
                let response = try await transport.send(request)
                if (200..<300).contains(response.status) {
                    guard let value = try? JSONSerialization.jsonObject(with: response.body) else {
                        throw SpendReportError("\(what): the answer is not JSON")
                    }
                    return value
                }
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
                retryAfter = response.headers["retry-after"].flatMap(Int.init).map { .seconds($0) }
                failure = "HTTP \(response.status)"
            } catch let error as SpendReportError {
                throw error
            } catch {
                failure = "\(error)"
            }
            guard
                let wait = policy.delay(
                    afterAttempt: attempt, elapsed: delayClock.now() - started, retryAfter: retryAfter, unit: jitter())
            else {
                throw SpendReportError("\(what): \(failure) after \(attempt) attempts; try again later")
            }
            try? await delayClock.sleep(for: wait)
            attempt += 1
        }
    }
}
