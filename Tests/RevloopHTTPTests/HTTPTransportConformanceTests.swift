import Foundation
import RevloopHTTP
import RevloopSandbox
import RevloopTesting
import Testing

@Suite struct HTTPTransportConformanceTests {
    @Test(arguments: HTTPTransportConformance.allCases)
    func urlSessionTransportOverLoopback(check: HTTPTransportConformance) async throws {
        let server = try LoopbackServer(handler: HTTPTransportConformance.handler)
        defer { server.stop() }
        try await check.run(on: URLSessionHTTPTransport(), baseURL: server.baseURL)
    }

    @Test(arguments: HTTPTransportConformance.allCases)
    func recordingTwin(check: HTTPTransportConformance) async throws {
        let transport = RecordingHTTPTransport { request throws(HTTPError) in HTTPTransportConformance.handler(request)
        }
        try await check.run(on: transport, baseURL: try #require(URL(string: "http://twin.invalid")))
        #expect(transport.requests.count == 1)
    }

    @Test func aRefusedConnectionIsAnHTTPErrorNotAResponse() async throws {
        let server = try LoopbackServer(handler: HTTPTransportConformance.handler)
        let closedURL = server.baseURL.appendingPathComponent("echo")
        server.stop()
        await #expect(throws: HTTPError.self) {
            _ = try await URLSessionHTTPTransport().send(
                HTTPRequest(method: "GET", url: closedURL, timeout: .seconds(5)))
        }
    }
}
