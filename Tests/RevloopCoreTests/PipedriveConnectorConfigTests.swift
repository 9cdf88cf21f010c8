import Foundation
import RevloopCore
import Testing

@Suite struct PipedriveConnectorConfigTests {
    private func read(_ text: String) -> (ConnectorConfig?, [String]) {
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(text, path: "connectors/pipedrive.yaml", diagnostics: &diagnostics)
        let config = ConnectorConfig.read(document, folder: "connectors", diagnostics: &diagnostics)
        return (config, diagnostics.map(\.description))
    }

    @Test func theSandboxExampleReadsWithoutDiagnostics() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sandbox/pipedrive.yaml").path
        let (config, diagnostics) = read(try String(contentsOfFile: path, encoding: .utf8))
        #expect(diagnostics.isEmpty)
        let pipedrive = try #require(config)
        #expect(pipedrive.kind == .pipedrive && pipedrive.apiToken == .file("sandbox/token.txt"))
        #expect(pipedrive.lookbackSeconds == 3_600 && pipedrive.pageSize == 500)
        #expect(pipedrive.clickIDProperties.count == ClickIDKind.allCases.count)
    }

    @Test func theTokenIsASecretReferenceAndTheBaseURLIsRequired() {
        let (_, missing) = read("name: pd\nkind: pipedrive\n")
        #expect(missing.contains { $0.contains("needs 'api_token: ${env:PIPEDRIVE_API_TOKEN}'") })
        #expect(missing.contains { $0.contains("needs 'base_url'") })
        let (_, literal) = read(
            "name: pd\nkind: pipedrive\nbase_url: https://acme.pipedrive.com\napi_token: abc123secret\n")
        #expect(literal.contains { $0.contains("must name where the secret lives") })
        #expect(!literal.contains { $0.contains("abc123secret") })
    }

    @Test func hubSpotKeysAreRefusedAndPagesGoUpTo500() {
        let (config, problems) = read(
            "name: pd\nkind: pipedrive\nbase_url: https://acme.pipedrive.com\napi_token: ${env:T}\n"
                + "access_token: ${env:A}\npage_size: 500\nclick_id_fields: {gclid: gclid}\n")
        #expect(problems.contains { $0.contains("'access_token' is for 'hubspot' connectors") })
        #expect(problems.contains { $0.contains("40 hexadecimal characters") })
        #expect(config?.pageSize == 500 && config?.clickIDProperties[.gclid] == "gclid")
        let (_, tooLarge) = read(
            "name: pd\nkind: pipedrive\nbase_url: https://acme.pipedrive.com\napi_token: ${env:T}\npage_size: 501\n")
        #expect(tooLarge.contains { $0.contains("page_size") })
        let (_, onHubSpot) = read("name: hs\nkind: hubspot\naccess_token: ${env:A}\napi_token: ${env:T}\n")
        #expect(onHubSpot.contains { $0.contains("'api_token' is for 'pipedrive' connectors") })
    }

    @Test func thePerDealReadsAndTheReconcileAreOnUnlessSwitchedOff() throws {
        let base = "name: pd\nkind: pipedrive\nbase_url: https://acme.pipedrive.com\napi_token: ${env:T}\n"
        let (defaults, none) = read(base)
        #expect(none.isEmpty)
        let on = try #require(defaults)
        #expect(on.readsDealFlow && on.readsDealPersons && on.reconcilesPersons)
        let (switched, problems) = read(
            base + "read_deal_flow: false\nread_deal_persons: false\nreconcile_persons: false\n")
        #expect(problems.isEmpty)
        let off = try #require(switched)
        #expect(!off.readsDealFlow && !off.readsDealPersons && !off.reconcilesPersons)
        let (_, onHubSpot) = read("name: hs\nkind: hubspot\naccess_token: ${env:A}\nread_deal_flow: true\n")
        #expect(onHubSpot.contains { $0.contains("'read_deal_flow' is for 'pipedrive' connectors") })
    }
}
