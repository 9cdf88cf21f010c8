import ArgumentParser
import Foundation
import RevloopCore
import Testing

@testable import RevloopCommands

/// `revloop allocate --constraints FILE.yaml --currency CODE --budget AMOUNT`: where the allocator's bounds
/// and budget come from, and the currency changes that cannot be honoured.
@Suite struct AllocateConstraintsTests {
    static let withSection: ProjectConfig = {
        var config = ProjectConfig(sourcePath: "revloop.yaml", storePath: "store.sqlite")
        var google = AllocatorConfig.ChannelBounds()
        google.maximum = Money(minorUnits: 500_000, currency: .usd)
        config.allocator = AllocatorConfig(
            periodDays: 7, budget: Money(minorUnits: 1_500_000, currency: .usd), channels: ["google": google])
        return config
    }()

    static let eur = CurrencyCode(unchecked: "EUR")
    static let gbp = CurrencyCode(unchecked: "GBP")

    static func command(_ arguments: [String]) throws -> AllocateCommand {
        try AllocateCommand.parse(arguments)
    }

    static func constraintsFile(_ text: String) throws -> String {
        let path = RepositoryFiles.temporaryFolder("allocate-constraints") + "/bounds.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aConstraintsFileReplacesTheSectionAndTheFlagsOverrideItsBudgetAndCurrency() throws {
        let path = try Self.constraintsFile(
            """
            budget: "20000.00"
            currency: EUR
            period_days: 14
            channels:
              meta: {min_share: 0.2, max_share: 0.5}
              linkedin: {max_share: 0.3}
            holdout_share: 0.05
            """)
        let output = Output(progress: false)
        let read = try Self.command(["--constraints", path]).allocatorConstraints(
            config: Self.withSection, output: output)
        #expect(read.budget == Money(minorUnits: 2_000_000, currency: Self.eur))
        #expect(read.periodDays == 14)
        #expect(read.channels.keys.sorted() == ["linkedin", "meta"])
        #expect(read.channels["meta"]?.minimumShare == 0.2)
        #expect(read.holdoutShare == 0.05)
        // Its bounds are shares, so another currency is fine with a budget in it.
        let inPounds = try Self.command(["--constraints", path, "--currency", "GBP", "--budget", "15000.00"])
            .allocatorConstraints(config: Self.withSection, output: output)
        #expect(inPounds.budget == Money(minorUnits: 1_500_000, currency: Self.gbp))
        #expect(inPounds.channels["linkedin"]?.maximumShare == 0.3)
    }

    @Test func anInvalidConstraintsFileIsRefusedNamingTheFileAndTheKey() throws {
        let path = try Self.constraintsFile(
            """
            budget: "20000.00"
            currency: EUR
            chanels: {}
            """)
        #expect(throws: ExitCode.self) {
            try Self.command(["--constraints", path]).allocatorConstraints(
                config: Self.withSection, output: Output(progress: false))
        }
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.load(url: URL(fileURLWithPath: path), path: path, diagnostics: &diagnostics)
        #expect(AllocatorConfig.read(constraints: document, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.contains { $0.description.contains(path) && $0.description.contains("chanels") })
    }

    @Test func anotherCurrencyNeedsABudgetInItAndBoundsAsShares() throws {
        let output = Output(progress: false)
        #expect {
            try Self.command(["--currency", "EUR"]).allocatorConstraints(config: Self.withSection, output: output)
        } throws: { error in
            "\(error)".contains("give --budget in EUR")
        }
        #expect {
            try Self.command(["--currency", "EUR", "--budget", "9000.00"]).allocatorConstraints(
                config: Self.withSection, output: output)
        } throws: { error in
            "\(error)".contains("google") && "\(error)".contains("amounts in USD")
        }
        // The same currency as the section changes nothing but the budget.
        let same = try Self.command(["--currency", "USD", "--budget", "9000.00"]).allocatorConstraints(
            config: Self.withSection, output: output)
        #expect(same.budget == Money(minorUnits: 900_000, currency: .usd))
        #expect(same.channels["google"]?.maximum == Money(minorUnits: 500_000, currency: .usd))
        // Without any section, the flags alone set the budget.
        let bare = ProjectConfig(sourcePath: "revloop.yaml", storePath: "store.sqlite")
        let flagsOnly = try Self.command(["--currency", "EUR", "--budget", "9000.00"]).allocatorConstraints(
            config: bare, output: output)
        #expect(flagsOnly.budget == Money(minorUnits: 900_000, currency: Self.eur))
        #expect(flagsOnly.channels.isEmpty)
        #expect(throws: ExitCode.self) {
            try Self.command(["--budget", "9000.00"]).allocatorConstraints(config: bare, output: output)
        }
    }
}
