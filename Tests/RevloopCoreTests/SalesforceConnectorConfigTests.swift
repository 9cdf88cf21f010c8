import Foundation
import RevloopCore
import Testing

@Suite struct SalesforceConnectorConfigTests {
    private func read(_ text: String) -> (ConnectorConfig?, [String]) {
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(text, path: "connectors/salesforce.yaml", diagnostics: &diagnostics)
        let config = ConnectorConfig.read(document, folder: "connectors", diagnostics: &diagnostics)
        return (config, diagnostics.map(\.description))
    }

    @Test func theSandboxExampleReadsWithoutDiagnostics() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sandbox/salesforce.yaml").path
        let (config, diagnostics) = read(try String(contentsOfFile: path, encoding: .utf8))
        #expect(diagnostics.isEmpty)
        let salesforce = try #require(config)
        #expect(salesforce.kind == .salesforce && salesforce.salesforceAPIVersion == "61.0")
        #expect(salesforce.refreshToken == .file("sandbox/token.txt") && salesforce.clientID == "sandbox-client")
        #expect(
            salesforce.clickIDProperties[.gclid] == "GCLID__c"
                && salesforce.clickIDProperties[.linkedInFirstPartyID] == "LI_FAT_ID__c")
        #expect(salesforce.isMultiCurrency && salesforce.lostReasonField == "Loss_Reason__c")
        #expect(salesforce.readsConvertedLeads && !salesforce.usesBulkAPI && salesforce.maxAPIUsageShare == 0.8)
        #expect(salesforce.lookbackSeconds == 3_600 && salesforce.pageSize == 2_000)
    }

    @Test func credentialsAreOneFlowWithSecretsAsReferences() {
        let (_, missing) = read("name: sf\nkind: salesforce\n")
        #expect(missing.count == 1 && missing[0].contains("needs 'refresh_token: ${env:SALESFORCE_REFRESH_TOKEN}'"))
        let (_, literal) = read("name: sf\nkind: salesforce\nclient_id: x\nrefresh_token: 5Aep861-secret\n")
        #expect(literal.contains { $0.contains("must name where the secret lives") })
        #expect(!literal.contains { $0.contains("5Aep861-secret") })
        let (_, both) = read(
            "name: sf\nkind: salesforce\nclient_id: x\nrefresh_token: ${env:A}\nusername: u@example.com\nprivate_key: ${file:k.pem}\n"
        )
        #expect(both.contains { $0.contains("either 'refresh_token'") })
        let (_, partialJWT) = read("name: sf\nkind: salesforce\nclient_id: x\nusername: u@example.com\n")
        #expect(partialJWT.contains { $0.contains("the JWT bearer flow needs") })
        let (jwt, fine) = read(
            "name: sf\nkind: salesforce\nclient_id: x\nusername: u@example.com\nprivate_key: ${file:k.pem}\naudience: https://test.salesforce.com\n"
        )
        #expect(fine.isEmpty && jwt?.privateKey == .file("k.pem") && jwt?.audience == "https://test.salesforce.com")
    }

    @Test func badValuesAndMisplacedKeysNameTheKeyAndTheFix() {
        let (_, problems) = read(
            """
            name: sf
            kind: salesforce
            client_id: x
            refresh_token: ${env:A}
            api_version: v4
            page_size: 50
            multi_currency: maybe
            read_converted_leads: sometimes
            max_api_usage: 0.8
            access_token: ${env:B}
            click_id_fields:
              gclid: GCLID__c
              msclkid: MSCLKID__c
              fbclid: "fb clid"
            """)
        #expect(problems.contains { $0.contains("'max_api_usage' must be a share") })
        #expect(problems.contains { $0.contains("'api_version' must be a whole Salesforce API version") })
        #expect(problems.contains { $0.contains("page_size") })
        #expect(problems.count { $0.contains("must be true or false") } == 2)
        #expect(problems.contains { $0.contains("'access_token' is for 'hubspot' connectors") })
        #expect(problems.contains { $0.contains("'msclkid' is not a click-id kind") })
        #expect(problems.contains { $0.contains("is not a Contact field's API name") })
        let (_, hubspot) = read("name: hs\nkind: hubspot\naccess_token: ${env:A}\nclick_id_fields:\n  gclid: G__c\n")
        #expect(hubspot.contains { $0.contains("'click_id_fields' is for 'salesforce' and 'pipedrive' connectors") })
    }
}
