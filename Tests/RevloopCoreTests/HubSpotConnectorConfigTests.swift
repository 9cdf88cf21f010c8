import Foundation
import RevloopCore
import Testing

@Suite struct HubSpotConnectorConfigTests {
    private func read(_ text: String) -> (ConnectorConfig?, [String]) {
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(text, path: "connectors/hubspot.yaml", diagnostics: &diagnostics)
        let config = ConnectorConfig.read(document, folder: "connectors", diagnostics: &diagnostics)
        return (config, diagnostics.map(\.description))
    }

    @Test func theSandboxExampleReadsWithoutDiagnostics() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sandbox/hubspot.yaml").path
        let (config, diagnostics) = read(try String(contentsOfFile: path, encoding: .utf8))
        #expect(diagnostics.isEmpty)
        let hubspot = try #require(config)
        #expect(hubspot.kind == .hubspot && hubspot.hubSpotPathStyle == .dated2026March)
        #expect(hubspot.accessToken == .file("sandbox/token.txt"))
        #expect(hubspot.lookbackSeconds == 3_600 && hubspot.pageSize == 200 && hubspot.searchRequestsPerSecond == 5)
    }

    @Test func credentialsAreRequiredAsSecretReferencesOfOneKind() {
        let (_, missing) = read("name: hs\nkind: hubspot\n")
        #expect(missing.count == 1 && missing[0].contains("needs 'access_token: ${env:HUBSPOT_TOKEN}'"))
        let (_, literal) = read("name: hs\nkind: hubspot\naccess_token: pat-na1-abc\n")
        #expect(literal.contains { $0.contains("must name where the secret lives") })
        #expect(!literal.contains { $0.contains("pat-na1-abc") })
        let (_, both) = read(
            "name: hs\nkind: hubspot\naccess_token: ${env:A}\nrefresh_token: ${env:B}\nclient_id: x\nclient_secret: ${env:C}\n"
        )
        #expect(both.contains { $0.contains("either 'access_token'") })
        let (_, noClient) = read("name: hs\nkind: hubspot\nrefresh_token: ${env:B}\n")
        #expect(noClient.contains { $0.contains("needs 'client_id' and 'client_secret'") })
    }

    @Test func clickIDPropertiesMapKindsToContactProperties() throws {
        let (config, problems) = read(
            "name: hs\nkind: hubspot\naccess_token: ${env:A}\nclick_id_properties: {gclid: gclid__c, msclkid: x}\n")
        #expect(try #require(config).clickIDProperties == [.gclid: "gclid__c"])
        #expect(problems.count == 1 && problems[0].contains("'msclkid' is not a click-id kind"))
        let (defaults, _) = read("name: hs\nkind: hubspot\naccess_token: ${env:A}\n")
        #expect(try #require(defaults).clickIDProperties[.fbclid] == "hs_facebook_click_id")
    }

    @Test func badValuesAndMisplacedKeysNameTheKeyAndTheFix() {
        let (_, problems) = read(
            "name: hs\nkind: hubspot\naccess_token: ${env:A}\napi_version: v4\nlookback: soon\npage_size: 500\npath: x\n"
        )
        #expect(problems.contains { $0.contains("connectors/hubspot.yaml:4:") && $0.contains("v3, 2026-03") })
        #expect(problems.contains { $0.contains("'lookback' must be a duration") })
        #expect(problems.contains { $0.contains("page_size") })
        #expect(problems.contains { $0.contains("'path' is for 'file' connectors") })
        let (_, fileWithToken) = read("name: f\nkind: file\npath: x\naccess_token: ${env:A}\n")
        #expect(fileWithToken.contains { $0.contains("'access_token' is for API connectors") })
        // A Pipedrive connector is told what it lacks, and HubSpot's own keys are refused on it.
        let (_, pipedrive) = read("name: p\nkind: pipedrive\naccess_token: ${env:A}\n")
        #expect(pipedrive.contains { $0.contains("needs 'api_token") })
        #expect(pipedrive.contains { $0.contains("'access_token' is for 'hubspot' connectors") })
    }
}
