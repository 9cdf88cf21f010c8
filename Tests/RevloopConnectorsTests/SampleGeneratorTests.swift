import Foundation
import RevloopConnectors
import RevloopCore
import RevloopIdentity
import RevloopTesting
import Testing

@Suite struct SampleGeneratorTests {
    static let anchor = CalendarDay(iso: "2026-11-29") ?? CalendarDay(daysSinceEpoch: 0)

    /// One generated sample shared by the checks below (3,000 deals, like the bundled one).
    static let sample: (folder: String, manifest: ExportManifest) = {
        let folder = ExportTestSupport.temporaryFolder("sample")
        let manifest = try? SampleGenerator(seed: 42, dealCount: 3_000, anchor: anchor).write(to: folder)
        return (folder, manifest ?? ExportManifest(format: "", version: 0, anchorDate: ""))
    }()

    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: sample.folder + "/" + file, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            Dictionary(uniqueKeysWithValues: zip(header, CSVFields.split(line)))
        }
    }

    static func deals() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: sample.folder + "/deals.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let other = ExportTestSupport.temporaryFolder("sample-again")
        try SampleGenerator(seed: 42, dealCount: 3_000, anchor: Self.anchor).write(to: other)
        for file in [
            "companies.csv", "contacts.csv", "click_ids.csv", "activities.csv", "deals.jsonl", "spend.csv",
            "manifest.json",
        ] {
            let first = FileManager.default.contents(atPath: Self.sample.folder + "/" + file)
            #expect(first != nil && first == FileManager.default.contents(atPath: other + "/" + file), "\(file)")
        }
        let differentSeed = ExportTestSupport.temporaryFolder("sample-seed")
        try SampleGenerator(seed: 43, dealCount: 50, anchor: Self.anchor).write(to: differentSeed)
        #expect(
            FileManager.default.contents(atPath: differentSeed + "/deals.jsonl")
                != FileManager.default.contents(atPath: Self.sample.folder + "/deals.jsonl"))
    }

    @Test func contactsLookLikeARealCRMs() throws {
        let contacts = try Self.rows("contacts.csv")
        #expect(contacts.count == Self.sample.manifest.contacts)
        let emails = contacts.compactMap { $0["email"] }
        #expect(emails.contains { $0 != $0.lowercased() }, "upper case")
        #expect(emails.contains { $0.hasPrefix(" ") || $0.hasSuffix(" ") }, "surrounding spaces")
        #expect(emails.contains { $0.lowercased().contains("+crm") && $0.lowercased().contains("@gmail.com") }, "+tags")
        #expect(emails.contains { $0.lowercased().contains(".") && $0.lowercased().hasSuffix("@googlemail.com") })
        let names = contacts.compactMap { $0["first_name"] } + contacts.compactMap { $0["last_name"] }
        #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } }, "accents")
        // Phones from at least 10 countries, in national and international spellings, that place in E.164.
        let phones = contacts.filter { !($0["phone"] ?? "").isEmpty }
        var callingCodes = Set<String>()
        var national = 0
        for contact in phones {
            let raw = contact["phone"] ?? ""
            if !raw.hasPrefix("+"), !raw.hasPrefix("00") { national += 1 }
            if case .success(let e164) = PhoneNormalizer.e164(
                raw, region: contact["country"].flatMap { $0.isEmpty ? nil : $0 } ?? "US")
            {
                callingCodes.insert(String(e164.prefix(3)))
            }
        }
        #expect(callingCodes.count >= 10)
        #expect(national > phones.count / 4)
        #expect(Set(contacts.compactMap { $0["consent_ad_user_data"] }) == ["granted", "denied", ""])
    }

    @Test func clickIDsHaveEveryKindButNeverTwoBraidsOnOneContact() throws {
        let clicks = try Self.rows("click_ids.csv")
        #expect(Set(clicks.compactMap { $0["kind"] }) == Set(ClickIDKind.allCases.map(\.rawValue)))
        var braids: [String: Set<String>] = [:]
        for click in clicks where click["kind"] == "gbraid" || click["kind"] == "wbraid" {
            braids[click["contact_id"] ?? "", default: []].insert(click["kind"] ?? "")
        }
        #expect(braids.values.allSatisfy { $0.count == 1 })
        let contactsWithGclid = Set(clicks.filter { $0["kind"] == "gclid" }.compactMap { $0["contact_id"] })
        let share = Double(contactsWithGclid.count) / Double(Self.sample.manifest.contacts ?? 1)
        #expect(share > 0.25 && share < 0.45)
    }

    @Test func dealsCarryTheHistoriesThatBreakNaiveBridges() throws {
        let deals = try Self.deals()
        #expect(deals.count == 3_000)
        func stages(_ deal: [String: Any]) -> [String] {
            (deal["stage_history"] as? [[String: Any]] ?? []).compactMap { $0["stage_id"] as? String }
        }
        let won: Set<String> = ["closedwon", "1184105"]
        let lost: Set<String> = ["closedlost", "1184106"]
        #expect(Set(deals.compactMap { $0["pipeline_id"] as? String }) == ["default", "enterprise"])
        #expect(
            deals.contains { deal in
                let history = stages(deal)
                return Set(history).count < history.count && !history.contains { won.contains($0) || lost.contains($0) }
            }, "a regression: an open deal that entered a stage twice")
        #expect(
            deals.contains { stages($0).contains { lost.contains($0) } && !lost.contains(stages($0).last ?? "") },
            "reopened")
        #expect(
            deals.contains { ($0["lost_reason"] as? String) == "refunded" && stages($0).contains { won.contains($0) } })
        #expect(
            deals.contains { deal in
                let amounts = deal["amount_history"] as? [[String: Any]] ?? []
                return won.contains(stages(deal).last ?? "") && amounts.count >= 2
            }, "amount changed after the deal was won")
        #expect(Set(deals.compactMap { $0["currency"] as? String }).isSuperset(of: ["USD", "EUR", "GBP", "JPY"]))
        #expect(deals.contains { ($0["amount"] as? String) == "" }, "deals without an amount")
        #expect(deals.contains { ($0["is_deleted"] as? Bool) == true })
    }

    @Test func everyTimestampIsBeforeTheAnchorsMidnight() throws {
        let midnight = Self.anchor.startInUTC
        let deals = try Self.deals()
        var latest = Timestamp(millisecondsSinceEpoch: 0)
        var recentWins = 0
        for deal in deals {
            let history = deal["stage_history"] as? [[String: Any]] ?? []
            for entry in history {
                let at = try #require(RFC3339.parse(entry["entered_at"] as? String ?? ""))
                latest = max(latest, at)
                if ["closedwon", "1184105"].contains(entry["stage_id"] as? String ?? ""),
                    at >= midnight.adding(days: -7)
                {
                    recentWins += 1
                }
            }
            latest = max(latest, try #require(RFC3339.parse(deal["updated_at"] as? String ?? "")))
        }
        for contact in try Self.rows("contacts.csv") {
            latest = max(latest, try #require(RFC3339.parse(contact["updated_at"] ?? "")))
        }
        #expect(latest < midnight)
        #expect(latest > midnight.adding(days: -2))
        #expect(recentWins > 0, "some wins fall inside Meta's 7-day window")
    }

    @Test func spendCovers26WeeksOfEveryChannel() throws {
        let spend = try Self.rows("spend.csv")
        let days = Set(spend.compactMap { $0["date"] })
        #expect(days.count == 182)
        #expect(days.max() == Self.anchor.adding(days: -1).description)
        #expect(Set(spend.compactMap { $0["channel"] }) == ["google", "meta", "linkedin"])
        #expect(spend.allSatisfy { Money(decimal: $0["spend"] ?? "", currency: .usd) != nil })
        #expect(Self.sample.manifest.spendResponse?.count == 3)
    }
}

/// A minimal CSV splitter for checking the sample from outside the connector's own reader.
enum CSVFields {
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted {
                    quoted = false
                } else {
                    if previous == "\"" { field.append("\"") }
                    quoted = true
                }
            } else if character == ",", !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }
}

extension SampleGeneratorTests {
    /// The engagement the scoring model learns from leans on the outcome as the sample's comment says:
    /// won deals' contacts view more and deeper pages and get more sales touches than lost deals'; meetings
    /// follow stage advances, so lost deals that went far have them too.
    @Test func activitiesLeanOnTheOutcomeAndNeverFollowTheAnchor() throws {
        var outcomeOfContact: [String: Bool] = [:]
        for deal in try Self.deals() {
            let stage = deal["stage_id"] as? String ?? ""
            let won = ["closedwon", "1184105"].contains(stage)
            let lost = ["closedlost", "1184106"].contains(stage)
            guard won || lost else { continue }
            for contact in deal["contact_ids"] as? [String] ?? [] { outcomeOfContact[contact] = won }
        }
        var pageViews = [true: 0, false: 0]
        var deepViews = [true: 0, false: 0]
        var touches = [true: 0, false: 0]
        var meetings = [true: 0, false: 0]
        let midnight = Self.anchor.startInUTC
        let rows = try Self.rows("activities.csv")
        #expect(rows.count > 30_000)
        for row in rows {
            let at = try #require(RFC3339.parse(row["occurred_at"] ?? ""))
            #expect(at < midnight)
            #expect(ActivityKind(rawValue: row["kind"] ?? "") != nil)
            guard let won = outcomeOfContact[row["contact_id"] ?? ""] else { continue }
            switch row["kind"] {
            case "page_view":
                pageViews[won, default: 0] += 1
                if row["depth"] == "4" { deepViews[won, default: 0] += 1 }
            case "sales_touch": touches[won, default: 0] += 1
            case "meeting_booked": meetings[won, default: 0] += 1
            default: break
            }
        }
        let wonContacts = Double(outcomeOfContact.values.filter { $0 }.count)
        let lostContacts = Double(outcomeOfContact.values.filter { !$0 }.count)
        func perContact(_ counts: [Bool: Int], won: Bool) -> Double {
            Double(counts[won] ?? 0) / (won ? wonContacts : lostContacts)
        }
        #expect(perContact(pageViews, won: true) > 1.3 * perContact(pageViews, won: false))
        #expect(perContact(deepViews, won: true) > 2 * perContact(deepViews, won: false))
        #expect(perContact(touches, won: true) > perContact(touches, won: false))
        #expect(perContact(meetings, won: false) > 0.3)
        // Every company has a revenue band.
        #expect(try Self.rows("companies.csv").allSatisfy { ($0["revenue_band"] ?? "").isEmpty == false })
    }
}
