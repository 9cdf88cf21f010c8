import Foundation
import RevloopCore
import RevloopDestinations
import RevloopIdentity
import RevloopMapping
import RevloopTesting
import Testing

@Suite struct WireRendererTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A won deal planned for all three fixture goals, plus the Google Ads path for the Google goal.
    static func operations() throws -> [PlannedOperation] {
        var goals = try ["google", "meta", "linkedin"].map { name in
            ConversionGoal(
                mapping: try #require(PlanFixtures.mapping(name)),
                platform: try #require(PlanFixtures.destinations[name]).platform,
                projectHoldoutShare: 0, holdoutSalt: "test")
        }
        var ads = goals[0]
        ads.platform = .googleAds
        goals.append(ads)
        let context = DealContext(
            connector: PlanFixtures.connector, crmName: "HubSpot",
            deal: PlanFixtures.deal(stages: [("proposal", 3), ("won", 1)]), pipeline: PlanFixtures.pipeline,
            contacts: [PlanFixtures.contact()], clicks: ["ct-1": PlanFixtures.clicks()])
        return ConversionPlanner(goals: goals, rates: ExchangeRateTable(), asOf: PlanFixtures.asOf).plan(context) { _ in
            nil
        }
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test(arguments: Platform.allCases)
    func requestsMatchTheirGoldenFile(platform: Platform) throws {
        let requests = WireRenderers.renderer(for: platform).requests(
            for: try Self.operations(), options: WireOptions(adjustmentTime: PlanFixtures.asOf))
        #expect(requests.count == 1)
        let line = String(decoding: try #require(requests.first).jsonLine, as: UTF8.self) + "\n"
        let file = Self.golden.appendingPathComponent("\(platform.rawValue).json")
        if ProcessInfo.processInfo.environment["REVLOOP_RECORD_GOLDEN"] == "1" {
            try line.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(line == (try String(contentsOf: file, encoding: .utf8)))
    }

    @Test func eachPlatformGetsItsOwnTimeFormat() throws {
        let requests = WireRenderers.requests(
            for: try Self.operations(), options: WireOptions(adjustmentTime: PlanFixtures.asOf))
        let byPlatform = Dictionary(grouping: requests, by: \.platform)
        let wonAt = PlanFixtures.daysAgo(1)
        let dataManager = try Self.json(try #require(byPlatform[.googleDataManager]?.first).body)
        let dmEvent = try #require((dataManager["events"] as? [[String: Any]])?.first)
        #expect(dmEvent["eventTimestamp"] as? String == "2026-11-28T12:00:00.000Z")
        let ads = try Self.json(try #require(byPlatform[.googleAds]?.first).body)
        let conversion = try #require((ads["conversions"] as? [[String: Any]])?.first)
        #expect(conversion["conversionDateTime"] as? String == "2026-11-28 12:00:00+00:00")
        let meta = try Self.json(try #require(byPlatform[.meta]?.first).body)
        let metaTimes = (meta["data"] as? [[String: Any]])?.compactMap { $0["event_time"] as? Int }
        #expect(metaTimes?.last == Int(wonAt.secondsSinceEpoch))
        let linkedIn = try Self.json(try #require(byPlatform[.linkedIn]?.first).body)
        let element = try #require((linkedIn["elements"] as? [[String: Any]])?.last)
        #expect(element["conversionHappenedAt"] as? Int == Int(wonAt.millisecondsSinceEpoch))
        #expect((element["conversionValue"] as? [String: Any])?["amount"] as? String == "10000.00")
    }

    @Test func googleAdsAdjustmentsGoToTheirOwnEndpoint() throws {
        let operation = try #require(try Self.operations().last { $0.platform == .googleAds })
        var restate = operation
        restate.action = .restate(previous: Money(minorUnits: 5, currency: .usd))
        var retract = operation
        retract.action = .retract(previous: Money(minorUnits: 5, currency: .usd))
        retract.key = DedupKey(rawValue: "rl1-00000000000000000000000000000001")
        retract.event?.key = retract.key
        let requests = GoogleAdsRenderer().requests(
            for: [restate, retract], options: WireOptions(adjustmentTime: PlanFixtures.asOf))
        #expect(
            requests.map(\.url) == [
                "https://googleads.googleapis.com/v26/customers/1234567890:uploadConversionAdjustments"
            ])
        let adjustments = try #require(try Self.json(requests[0].body)["conversionAdjustments"] as? [[String: Any]])
        #expect(adjustments.map { $0["adjustmentType"] as? String } == ["RESTATEMENT", "RETRACTION"])
        #expect(adjustments[0]["adjustmentDateTime"] as? String == "2026-11-29 12:00:00+00:00")
        #expect(adjustments[1]["restatementValue"] == nil)
    }

    @Test func batchesRespectEachPlatformsLimit() throws {
        let template = try #require(try Self.operations().first { $0.platform == .meta })
        let many = (0..<2_501).map { index -> PlannedOperation in
            var copy = template
            copy.key = DedupKey(rawValue: "rl1-\(String(index, radix: 16))")
            copy.event?.key = copy.key
            return copy
        }
        var options = WireOptions(adjustmentTime: PlanFixtures.asOf)
        let requests = MetaRenderer().requests(for: many, options: options)
        #expect(requests.map(\.keys.count) == [1_000, 1_000, 501])
        #expect(requests.flatMap(\.keys) == many.map(\.key))
        // Delivery cuts the same batches without rendering them; `batch_size` lowers the limit.
        #expect(
            WireBatcher.batches(of: many, renderer: MetaRenderer(), options: options).map { $0.map(\.key) }
                == requests.map(\.keys))
        options.batchSize = 600
        #expect(MetaRenderer().requests(for: many, options: options).map(\.keys.count) == [600, 600, 600, 600, 101])
        #expect(
            WireBatcher.batches(of: many, renderer: MetaRenderer(), options: options).map(\.count)
                == [600, 600, 600, 600, 101])
    }

    @Test func theJSONWriterEscapesStrings() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("event_name", "Quote \"A\" \\ tab\t\u{1}é")
        writer.key("list")
        writer.beginArray()
        writer.integer(-3)
        writer.number(decimalText: "12.50")
        writer.boolean(false)
        writer.endArray()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"event_name":"Quote \"A\" \\ tab\t\u0001é","list":[-3,12.50,false]}"#)
        let parsed = try Self.json(writer.bytes)
        #expect(parsed["event_name"] as? String == "Quote \"A\" \\ tab\t\u{1}é")
    }

    @Test func noPlaintextEmailPhoneOrNameReachesAnyRequest() throws {
        let requests = WireRenderers.requests(
            for: try Self.operations(), options: WireOptions(adjustmentTime: PlanFixtures.asOf))
        let everything = requests.map { String(decoding: $0.jsonLine, as: UTF8.self) }.joined()
        for plaintext in ["jane", "doe", "acme.example", "4155550134", "sanfrancisco"] {
            #expect(!everything.lowercased().contains(plaintext))
        }
    }
}
