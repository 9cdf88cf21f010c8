import Foundation
import RevloopCore
import RevloopPersonalization
import Testing

@Suite("Inventory")
struct InventoryLoaderTests {
    @Test func readsBlocksFeaturesRulesAndCaps() {
        var diagnostics: [Diagnostic] = []
        let inventory = InventoryLoader.parse(
            """
            features:
              industry: [software, fintech]
              device: [desktop, mobile]
            blocks:
              - id: fintech-case
                surfaces: [hero, footer]
                industries: [fintech]
                personas: [cfo]
                funnel_stages: [consideration]
                content_type: case_study
                gating: gated
                audience: prospects
                eligible_when: {industry: [fintech]}
                excluded_when: {device: [mobile]}
                frequency_cap: {impressions: 3, window: 7d}
              - id: intro
                surfaces: [hero]
            """, path: "personalization/blocks.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(inventory.blocks.map(\.id) == ["fintech-case", "intro"])
        let block = inventory.blocks[0]
        #expect(block.surfaces == ["hero", "footer"])
        #expect(block.contentType == .caseStudy)
        #expect(block.gating == .gated)
        #expect(block.audience == .prospects)
        #expect(block.frequencyCap == FrequencyCap(impressions: 3, windowSeconds: 7 * 86_400))
        #expect(block.rules.count == 2)
        #expect(block.rules[0].allows(["industry": "fintech"]))
        #expect(!block.rules[0].allows([:]))
        #expect(!block.rules[1].allows(["device": "mobile"]))
        #expect(inventory.blocks[1].gating == .ungated)
        #expect(inventory.encoder.dimension == 5)
    }

    @Test func errorsNameTheFileLineFieldAndFix() {
        var diagnostics: [Diagnostic] = []
        _ = InventoryLoader.parse(
            """
            blocks:
              - id: one
                surfaces: [hero]
                gating: locked
              - id: two
                surface: [hero]
              - id: one
                surfaces: [hero]
                frequency_cap: {impressions: 3, window: weekly}
            """, path: "personalization/blocks.yaml", diagnostics: &diagnostics)
        let messages = diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("personalization/blocks.yaml:4:")
                    && $0.contains("'blocks[0].gating' is 'locked', which is not one of: ungated, gated")
            })
        #expect(
            messages.contains {
                $0.hasPrefix("personalization/blocks.yaml:6:") && $0.contains("unknown key 'surface'")
                    && $0.contains("did you mean 'surfaces'?")
            })
        #expect(messages.contains { $0.contains("block 'two' has no 'surfaces'") })
        #expect(
            messages.contains {
                $0.hasPrefix("personalization/blocks.yaml:9:") && $0.contains("write a duration such as 12h or 7d")
            })
        #expect(diagnostics.filter { $0.severity == .error }.count == 4)
        // Every block had an error, so the inventory is empty, which is said too.
        #expect(messages.contains { $0.contains("the inventory has no blocks") })
    }

    @Test func aDuplicateIdAcrossFilesNamesTheFirstPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "inventory-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "blocks:\n  - id: guide\n    surfaces: [hero]\n".write(
            to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "features:\n  industry: [software]\nblocks:\n  - id: guide\n    surfaces: [footer]\n".write(
            to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let inventory = try #require(
            InventoryLoader.load(directory: folder, displayPath: "personalization", diagnostics: &diagnostics))
        #expect(inventory.blocks.count == 1)
        #expect(inventory.features == ["industry": ["software"]])
        #expect(
            diagnostics.map(\.description).contains {
                $0.hasPrefix("personalization/b.yaml:4:") && $0.contains("already used at personalization/a.yaml:2")
            })
    }
}
