import ArgumentParser
import Foundation
import RevloopCore
import RevloopStore
import Testing

@testable import RevloopCommands

/// `revloop allocate --spend store` end to end on a small store: spend per campaign as `spend pull` saves
/// it, deals with clicks and the visits that carried them, and a ledger holding part of their values.
@Suite struct AllocateFromStoreTests {
    static let firstDay = CalendarDay(daysSinceEpoch: 20_700)
    static let weeks = 8
    /// Per channel, its campaigns: spend name, id, the UTM campaign its visits carry, a daily budget (minor).
    static let campaigns: [(channel: String, name: String, id: String, utm: String, daily: Int64)] = [
        ("google", "Brand search", "1001", "brand-search", 20_000),
        ("google", "Non-brand search", "1002", "nonbrand-search", 45_000),
        ("meta", "Prospecting", "2001", "prospecting", 30_000),
        ("meta", "Retargeting", "2002", "retargeting", 12_000),
    ]
    /// Each week's budget level per campaign (rotated by the campaign's index), so the curves are identifiable.
    static let levels = [1.0, 0.6, 1.4, 0.8, 1.2, 0.7, 1.3, 1.0]

    static func level(week: Int, campaign: Int) -> Double { levels[(week + campaign * 3) % levels.count] }

    static func time(_ day: Int, hour: Int64 = 10) -> Timestamp {
        firstDay.adding(days: Int64(day)).startInUTC.adding(milliseconds: hour * 3_600_000)
    }

    static func makeProject() async throws -> String {
        let folder = RepositoryFiles.temporaryFolder("allocate-store")
        try FileManager.default.createDirectory(atPath: folder + "/crm", withIntermediateDirectories: true)
        try """
        name: crm
        kind: file
        path: crm
        default_currency: USD
        """.write(toFile: folder + "/crm.yaml", atomically: true, encoding: .utf8)
        try """
        version: 1
        store:
          path: store.sqlite
        connectors:
          - crm.yaml
        destinations: {}
        allocator:
          period_days: 7
          budget: "10000.00"
          currency: USD
          max_change: 0.5
          channels:
            google: { min_share: 0.2, max_share: 0.8 }
            meta: { min_share: 0.2, max_share: 0.8 }
        """.write(toFile: folder + "/revloop.yaml", atomically: true, encoding: .utf8)

        let store = try SQLiteStore(path: folder + "/store.sqlite")
        var spend: [SpendRow] = []
        for day in 0..<(weeks * 7) {
            for (index, campaign) in campaigns.enumerated() {
                let minor = Int64(Double(campaign.daily) * level(week: day / 7, campaign: index))
                spend.append(
                    SpendRow(
                        day: firstDay.adding(days: Int64(day)), channel: campaign.channel, campaign: campaign.name,
                        spend: Money(minorUnits: minor, currency: .usd), impressions: minor, clicks: minor / 100,
                        campaignID: campaign.id))
            }
        }
        try await store.saveSpend(spend)

        let pipeline = Pipeline(
            id: "p", label: "P",
            stages: [
                PipelineStage(id: "open", label: "Open", winProbability: 0.3, isClosed: false, isWon: false),
                PipelineStage(id: "won", label: "Won", winProbability: 1, isClosed: true, isWon: true),
            ])
        var batch = SnapshotBatch(connector: "crm", pipelines: [pipeline])
        var ledger: [LedgerEntry] = []
        for week in 0..<weeks {
            for (index, campaign) in campaigns.enumerated() {
                let level = level(week: week, campaign: index)
                for number in 0..<(2 + (week + index) % 3) {
                    let id = "w\(week)-c\(index)-\(number)"
                    let contact = ContactID("ct-\(id)")
                    let created = time(week * 7 + 1 + number)
                    let amount = Money(minorUnits: Int64(Double(200_000 + 50_000 * index) * level), currency: .usd)
                    let isWon = number % 3 == 0
                    var history = [StageTransition(stageID: "open", enteredAt: created)]
                    if isWon { history.append(StageTransition(stageID: "won", enteredAt: created.adding(days: 5))) }
                    batch.contacts.append(
                        Contact(
                            id: contact, companyID: nil, identifiers: [], countryCode: "US", region: nil,
                            postalCode: nil, consent: .unknown, createdAt: created.adding(days: -2),
                            updatedAt: created))
                    let clickedAt = created.adding(days: -1)
                    batch.clickIDs.append(
                        ClickID(
                            contactID: contact, kind: campaign.channel == "google" ? .gclid : .fbclid,
                            value: "click-\(id)", clickedAt: clickedAt))
                    batch.activities.append(
                        Activity(
                            contactID: contact, kind: .formSubmit, occurredAt: clickedAt.adding(milliseconds: -60_000),
                            channel: campaign.channel == "google" ? "paid_search" : "paid_social",
                            campaign: campaign.utm))
                    batch.deals.append(
                        Deal(
                            id: DealID(id), pipelineID: "p", stageID: isWon ? "won" : "open", amount: amount,
                            createdAt: created, updatedAt: created, closeDate: nil, companyID: nil,
                            contactIDs: [contact], stageHistory: history,
                            amountHistory: [AmountChange(amount: amount, changedAt: created)], isDeleted: false,
                            lostReason: nil))
                    // Every other deal reached the platforms: its pipeline conversion at 30% of its amount and,
                    // when won, its closed-won conversion at its amount.
                    guard number % 2 == 0 else { continue }
                    func entry(_ stage: StageID, _ value: Int64) -> LedgerEntry {
                        LedgerEntry(
                            key: DedupKey(rawValue: "\(id)-\(stage)"), platform: .meta, goal: "g", connector: "crm",
                            dealID: DealID(id), stageID: stage, state: .accepted,
                            value: Money(minorUnits: value, currency: .usd), updatedAt: created.adding(days: 6))
                    }
                    ledger.append(entry("open", amount.minorUnits * 3 / 10))
                    if isWon { ledger.append(entry("won", amount.minorUnits)) }
                }
            }
        }
        _ = try await store.apply(batch, cursors: [])
        try await store.record(ledger, note: "test")
        return folder
    }

    struct Allocation: Decodable {
        struct Channel: Decodable {
            var name: String
            var recommended: String
            var campaigns: [Channel]?
        }
        var budget: String
        var channels: [Channel]
        var warnings: [String]
    }

    static func minor(_ decimal: String) throws -> Int64 {
        try #require(Money(decimal: decimal, currency: .usd)).minorUnits
    }

    @Test func theStoresSpendAndLedgerValuedOutcomesGiveAPerCampaignSplitThatSumsToTheBudget() async throws {
        let folder = try await Self.makeProject()
        let out = folder + "/allocation.json"
        var command =
            try RevloopCommand.parseAsRoot([
                "allocate", "-c", folder + "/revloop.yaml", "--spend", "store", "--draws", "200", "--format", "json",
                "--out", out,
            ]) as? any AsyncParsableCommand
        try await command?.run()
        command = nil
        let allocation = try JSONDecoder().decode(
            Allocation.self, from: try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(allocation.budget == "10000.00")
        #expect(allocation.channels.map(\.name) == ["google", "meta"])
        #expect(try allocation.channels.reduce(0) { $0 + (try Self.minor($1.recommended)) } == 1_000_000)
        for channel in allocation.channels {
            let campaigns = try #require(channel.campaigns)
            #expect(
                campaigns.map(\.name)
                    == Self.campaigns.filter { $0.channel == channel.name }.map(\.name))
            // The campaigns share out exactly their channel's amount, each getting some.
            #expect(
                try campaigns.reduce(0) { $0 + (try Self.minor($1.recommended)) }
                    == (try Self.minor(channel.recommended)))
            #expect(try campaigns.allSatisfy { try Self.minor($0.recommended) > 0 })
        }
        // Every visit named its campaign, so nothing went unmatched; half the deals were never delivered.
        #expect(!allocation.warnings.contains { $0.contains("no known campaign") || $0.contains("with no spend") })
        let total = (0..<Self.weeks).reduce(0) { sum, week in
            sum + (0..<Self.campaigns.count).reduce(0) { $0 + 2 + (week + $1) % 3 }
        }
        let delivered = (0..<Self.weeks).reduce(0) { sum, week in
            sum + (0..<Self.campaigns.count).reduce(0) { $0 + (2 + (week + $1) % 3 + 1) / 2 }
        }
        #expect(
            allocation.warnings.contains(
                "\(total - delivered) of \(total) credited deals are valued (in part) from the CRM: the ledger holds no delivered value for them (holdouts, consent skips, goals that do not cover them, or not yet synced)"
            ))
    }
}
