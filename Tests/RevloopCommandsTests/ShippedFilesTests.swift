import ArgumentParser
import Foundation
import RevloopCommands
import RevloopCore
import Testing

@Suite struct ShippedFilesTests {
    @Test func everyShippedConnectorAndMappingLoadsWithoutDiagnostics() {
        let project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics.map(\.description))")
        #expect(project.connectors.map(\.name) == ["sample"])
        #expect(project.mappings.count == 3)
        let listed = Set(project.filesRead.map { URL(fileURLWithPath: $0).lastPathComponent })
        let onDisk = ["connectors", "mappings"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.root + "/" + folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") }
        }
        #expect(Set(onDisk).isSubset(of: listed), "every file in connectors/ and mappings/ is loaded")
    }

    @Test func validateFailsWithExitCode2OnATypoedKey() async throws {
        let folder = RepositoryFiles.temporaryFolder("validate")
        try FileManager.default.createDirectory(atPath: folder + "/mappings", withIntermediateDirectories: true)
        try """
        connectors: []
        destinations:
          google: {platform: google_data_manager, access_token: "${env:GOOGLE_TOKEN}"}
        mappings: [mappings]
        """.write(toFile: folder + "/revloop.yaml", atomically: true, encoding: .utf8)
        try """
        destination: google
        account: "1"
        conversion_action: "2"
        trigger: {event: closed_won}
        value: {policy: deal_amount, currency: USD}
        consnet: {unknown: skip}
        """.write(toFile: folder + "/mappings/google.yaml", atomically: true, encoding: .utf8)
        var command =
            try RevloopCommand.parseAsRoot(["validate", "-c", folder + "/revloop.yaml"]) as? any AsyncParsableCommand
        await #expect(throws: ExitCode(2)) { try await command?.run() }
        let project = Project.load(path: folder + "/revloop.yaml")
        #expect(
            project.diagnostics.map(\.description) == [
                "\(folder)/mappings/google.yaml:6:1: error: unknown key 'consnet' in the file's top level; did you mean "
                    + "'consent'? (allowed: name, destination, account, conversion_action, dataset, conversion_rule, "
                    + "trigger, value, window_days, consent, holdout, filter, send_user_info, paused)"
            ])
        command = nil
    }

    @Test func validateChecksTheContentInventoryWhenTheProjectHasOne() async throws {
        let folder = RepositoryFiles.temporaryFolder("validate-inventory")
        try FileManager.default.createDirectory(atPath: folder + "/personalization", withIntermediateDirectories: true)
        try "connectors: []\ndestinations: {}\n".write(
            toFile: folder + "/revloop.yaml", atomically: true, encoding: .utf8)
        let clean = try RevloopCommand.parseAsRoot(["validate", "-c", folder + "/revloop.yaml"])
        try """
        features:
          industry: [Software]
        blocks:
          - id: overview
            surfaces: [homepage_hero]
            content_type: video
        """.write(toFile: folder + "/personalization/blocks.yaml", atomically: true, encoding: .utf8)
        var command = clean as? any AsyncParsableCommand
        try await command?.run()
        try """
        features:
          industry: [Software]
        blocks:
          - id: overview
            surfaces: [homepage_hero]
            content_type: vidoe
        """.write(toFile: folder + "/personalization/blocks.yaml", atomically: true, encoding: .utf8)
        command =
            try RevloopCommand.parseAsRoot(["validate", "-c", folder + "/revloop.yaml"]) as? any AsyncParsableCommand
        await #expect(throws: ExitCode(2)) { try await command?.run() }
    }
}
