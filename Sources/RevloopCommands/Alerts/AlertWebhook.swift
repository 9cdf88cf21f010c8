internal import Foundation
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopHTTP

/// Posts alerts to a Slack-compatible incoming webhook, one message a run. A webhook that fails is
/// reported, never fatal: the alerts are on stderr anyway.
enum AlertWebhook {
    static func post(_ alerts: [DeliveryAlerts.Alert], to url: URL, transport: any HTTPTransport) async -> String? {
        var json = JSONWriter(capacity: 512)
        json.beginObject()
        json.field("text", "revloop: " + alerts.map(\.text).joined(separator: "\n"))
        json.endObject()
        let request = HTTPRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/json"], body: Data(json.bytes),
            timeout: .seconds(10))
        do {
            let response = try await transport.send(request)
            return (200..<300).contains(response.status) ? nil : "the alert webhook answered \(response.status)"
        } catch {
            return "the alert webhook did not answer: \(error)"
        }
    }
}
