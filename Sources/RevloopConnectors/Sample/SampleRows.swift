internal import RevloopCore

/// The rows of one sample: companies, and deals with their contacts and click ids, drawn from one
/// seeded generator so that a seed always gives the same bytes.
struct SampleRows {
    var random: SeededRandomNumberGenerator
    /// The sample's "now": midnight UTC at the start of the anchor day. Every event is before it.
    let now: Timestamp

    private static let day: Int64 = 86_400_000
    private static let hour: Int64 = 3_600_000
    private static let industries = [
        "Software", "Manufacturing", "Financial Services", "Healthcare", "Retail", "Logistics",
    ]
    private static let companyStems = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Hooli", "Vandelay",
        "Soylent",
        "Wonka", "Nordlicht", "Lumière", "Fjord", "Kōbō", "Sierra", "Blue Harbor", "Northwind", "Contoso",
    ]
    private static let companySuffixes = [
        "Inc.", "GmbH", "Ltd", "SAS", "AB", "Pty Ltd", "KK", "S.A.", "BV", "Labs", "Group",
    ]

    // MARK: Companies

    /// The company's country is a pure function of its index, so deals can find it without a table.
    static func country(ofCompany index: Int) -> SampleCountry {
        var mixer = SeededRandomNumberGenerator(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        var ticket = Int(mixer.next() % 100)
        for country in SampleCountry.all {
            ticket -= country.weight
            if ticket < 0 { return country }
        }
        return SampleCountry.all[0]
    }

    static func companyDomain(_ index: Int) -> String {
        let stem = companyStems[index % companyStems.count].lowercased().filter { $0.isASCII && $0.isLetter }
        return "\(stem.isEmpty ? "company" : stem)\(index).example"
    }

    mutating func company(index: Int) -> String {
        let country = Self.country(ofCompany: index)
        let stem = Self.companyStems[index % Self.companyStems.count]
        let suffix = Self.companySuffixes[Int.random(in: 0..<Self.companySuffixes.count, using: &random)]
        // Some names carry a comma, so the CSV quoting is exercised.
        let name =
            Int.random(in: 0..<10, using: &random) == 0 ? "\(stem) \(index), \(suffix)" : "\(stem) \(index) \(suffix)"
        let created = now.adding(milliseconds: -Int64.random(in: 400 * Self.day...1_500 * Self.day, using: &random))
        let updated = created.adding(milliseconds: Int64.random(in: 0...300 * Self.day, using: &random))
        let employees = [12, 45, 120, 480, 1_500, 8_000][Int.random(in: 0..<6, using: &random)]
        let industry = Self.industries[Int.random(in: 0..<Self.industries.count, using: &random)]
        return CSVText.row([
            "co-\(index + 1)", name, Self.companyDomain(index), country.code, industry, String(employees),
            RFC3339.format(created, useZ: true), RFC3339.format(updated, useZ: true),
            Self.revenueBand(employees: employees, companyIndex: index),
        ])
    }

    /// About 150 thousand dollars of revenue per employee, give or take a band, drawn from the company's
    /// index so the shared generator (and so every other row of a seed) is untouched.
    static func revenueBand(employees: Int, companyIndex: Int) -> String {
        let bands = ["<1M", "1M-10M", "10M-100M", "100M-1B", "1B+"]
        let base = employees < 10 ? 0 : employees < 60 ? 1 : employees < 600 ? 2 : employees < 6_000 ? 3 : 4
        let nudge = [-1, 0, 0, 0, 1][companyIndex % 5]
        return bands[min(bands.count - 1, max(0, base + nudge))]
    }

    // MARK: Deals

    struct DealRecord {
        var deal: String
        var contacts: [String]
        var clicks: [String]
        var activities: [String]
    }

    private enum Outcome { case open, won, lost }

    mutating func deal(index: Int, companyCount: Int, firstContact: Int) -> DealRecord {
        let companyIndex = Int.random(in: 0..<companyCount, using: &random)
        let country = Self.country(ofCompany: companyIndex)
        let isEnterprise = Int.random(in: 0..<100, using: &random) < 30
        let pipeline = SampleGenerator.pipelines[isEnterprise ? 1 : 0]
        let openStages = pipeline.stages.filter { !$0.isClosed }
        let wonStage = pipeline.stages.first { $0.isWon }?.id ?? "closedwon"
        let lostStage = pipeline.stages.first { $0.isClosed && !$0.isWon }?.id ?? "closedlost"
        let created = now.adding(milliseconds: -Int64.random(in: 2 * Self.hour...365 * Self.day, using: &random))

        // Walk the pipeline, stopping when "now" is reached: a deal then stays open where it got to.
        let roll = Int.random(in: 0..<100, using: &random)
        let outcome: Outcome = roll < 30 ? .won : roll < 62 ? .lost : .open
        let lastOpenIndex: Int
        switch outcome {
        case .won: lastOpenIndex = openStages.count - 1
        case .lost, .open: lastOpenIndex = Int.random(in: 0..<openStages.count, using: &random)
        }
        var history: [(stage: StageID, at: Timestamp)] = [(openStages[0].id, created)]
        var time = created
        var reachedNow = false
        func step(_ maxDays: Int64, random: inout SeededRandomNumberGenerator) -> Bool {
            time = time.adding(milliseconds: Int64.random(in: 2 * Self.hour...maxDays * Self.day, using: &random))
            return time < now
        }
        var stageIndex = 0
        let regressAt =
            Int.random(in: 0..<100, using: &random) < 8 ? Int.random(in: 1...max(1, lastOpenIndex), using: &random) : -1
        var regressed = false
        while stageIndex < lastOpenIndex {
            guard step(18, random: &random) else {
                reachedNow = true
                break
            }
            stageIndex += 1
            history.append((openStages[stageIndex].id, time))
            if stageIndex == regressAt, !regressed {
                regressed = true
                guard step(10, random: &random) else {
                    reachedNow = true
                    break
                }
                stageIndex -= 1
                history.append((openStages[stageIndex].id, time))
            }
        }
        var lostReason: String?
        if !reachedNow, outcome != .open, step(21, random: &random) {
            history.append((outcome == .won ? wonStage : lostStage, time))
            if outcome == .lost {
                lostReason =
                    ["no_budget", "competitor", "no_decision", "timing"][Int.random(in: 0..<4, using: &random)]
            }
            let twist = Int.random(in: 0..<100, using: &random)
            if outcome == .lost, twist < 6, step(30, random: &random) {
                // Reopened: back to an open stage, and sometimes won after all.
                history.append((openStages[max(0, lastOpenIndex - 1)].id, time))
                lostReason = nil
                if Bool.random(using: &random), step(20, random: &random) { history.append((wonStage, time)) }
            } else if outcome == .won, twist < 4, step(60, random: &random) {
                history.append((lostStage, time))
                lostReason = "refunded"
            }
        }
        let closedAt = history.last.flatMap { entry in
            pipeline.stages.first { $0.id == entry.stage && $0.isClosed }.map { _ in entry.at }
        }
        let currency = CurrencyCode(country.currency) ?? .usd
        let scale: Int64 = currency.minorUnitDigits == 0 ? 1 : 100
        let fxFactor: Int64 =
            currency.code == "JPY" ? 150 : currency.code == "INR" ? 80 : currency.code == "SEK" ? 10 : 1
        let baseUnits =
            isEnterprise
            ? Int64.random(in: 25_000...400_000, using: &random) : Int64.random(in: 1_500...45_000, using: &random)
        var amount = Money(minorUnits: baseUnits * fxFactor * scale, currency: currency)
        var amounts: [(Money, Timestamp)] = [(amount, created)]
        if Int.random(in: 0..<100, using: &random) < 25, history.count > 1 {
            // Repriced during the sale.
            amount.minorUnits = amount.minorUnits * Int64.random(in: 70...130, using: &random) / 100
            amounts.append((amount, history[history.count / 2].at.adding(milliseconds: Self.hour)))
        }
        if let closedAt, history.last?.stage == wonStage, Int.random(in: 0..<100, using: &random) < 7 {
            // Amount changed after close (an upsell or a correction): a restatement for the ad platforms.
            let changedAt = closedAt.adding(milliseconds: Int64.random(in: Self.day...20 * Self.day, using: &random))
            if changedAt < now {
                amount.minorUnits = amount.minorUnits * Int64.random(in: 80...150, using: &random) / 100
                amounts.append((amount, changedAt))
            }
        }
        let hasAmount = Int.random(in: 0..<100, using: &random) >= 2
        let isDeleted = Int.random(in: 0..<100, using: &random) == 0
        let lastEvent = max(history.last?.at ?? created, amounts.last?.1 ?? created)
        let updated = min(
            lastEvent.adding(milliseconds: Int64.random(in: 0...2 * Self.hour, using: &random)),
            now.adding(milliseconds: -1))

        var contactRows: [String] = []
        var clickRows: [String] = []
        var contactIDs: [String] = []
        let contactCount = [1, 1, 2, 2, 3][Int.random(in: 0..<5, using: &random)]
        for offset in 0..<contactCount {
            let id = "ct-\(firstContact + offset + 1)"
            contactIDs.append(id)
            let (row, clicks) = contact(id: id, companyIndex: companyIndex, country: country, dealCreated: created)
            contactRows.append(row)
            clickRows += clicks
        }

        var json =
            "{\"deal_id\":\"d-\(index + 1)\",\"pipeline_id\":\"\(pipeline.id)\",\"stage_id\":\"\(history.last?.stage ?? openStages[0].id)\""
        if hasAmount {
            json += ",\"amount\":\"\(amount.decimalString)\",\"currency\":\"\(currency)\""
        } else {
            json += ",\"amount\":\"\",\"currency\":\"\(currency)\""
        }
        json +=
            ",\"created_at\":\"\(RFC3339.format(created, useZ: true))\",\"updated_at\":\"\(RFC3339.format(updated, useZ: true))\""
        if let closedAt {
            let editedDays = Int.random(in: 0..<10, using: &random) == 0 ? Int64.random(in: -3...3, using: &random) : 0
            json += ",\"close_date\":\"\(closedAt.utcDay.adding(days: editedDays))\""
        } else {
            json += ",\"close_date\":null"
        }
        json +=
            ",\"company_id\":\"co-\(companyIndex + 1)\",\"contact_ids\":["
            + contactIDs.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        json +=
            ",\"stage_history\":["
            + history.map { "{\"stage_id\":\"\($0.stage)\",\"entered_at\":\"\(RFC3339.format($0.at, useZ: true))\"}" }
            .joined(separator: ",") + "]"
        json += ",\"amount_history\":["
        json += amounts.map {
            "{\"amount\":\"\($0.0.decimalString)\",\"currency\":\"\($0.0.currency)\",\"changed_at\":\"\(RFC3339.format($0.1, useZ: true))\"}"
        }.joined(separator: ",")
        json += "],\"is_deleted\":\(isDeleted),\"lost_reason\":" + (lostReason.map { "\"\($0)\"" } ?? "null") + "}\n"
        var engagement = SampleActivities(dealIndex: index, now: now)
        let finalStage = history.last?.stage
        let activities = engagement.rows(
            contactIDs: contactIDs, outcome: finalStage == wonStage ? 1 : finalStage == lostStage ? -1 : 0,
            createdAt: created, stageEntries: history.dropFirst().map(\.at), endsAt: closedAt ?? now)
        return DealRecord(deal: json, contacts: contactRows, clicks: clickRows, activities: activities)
    }

    // MARK: Contacts

    private mutating func contact(id: String, companyIndex: Int, country: SampleCountry, dealCreated: Timestamp)
        -> (row: String, clicks: [String])
    {
        let first = country.firstNames[Int.random(in: 0..<country.firstNames.count, using: &random)]
        let last = country.lastNames[Int.random(in: 0..<country.lastNames.count, using: &random)]
        let place = country.places[Int.random(in: 0..<country.places.count, using: &random)]
        let serial = Int.random(in: 1...9_999, using: &random)
        let email = emailAddress(first: first.ascii, last: last.ascii, companyIndex: companyIndex, serial: serial)
        let hasCountry = Int.random(in: 0..<100, using: &random) >= 8
        let phone = phoneNumber(country: country, international: !hasCountry)
        let created = dealCreated.adding(milliseconds: -Int64.random(in: 0...30 * Self.day, using: &random))
        let updated = min(
            created.adding(milliseconds: Int64.random(in: 0...60 * Self.day, using: &random)),
            now.adding(milliseconds: -1))
        func consent(granted: Int, denied: Int) -> String {
            let roll = Int.random(in: 0..<100, using: &random)
            return roll < granted ? "granted" : roll < granted + denied ? "denied" : ""
        }
        let userData = consent(granted: 80, denied: 7)
        let personalization = consent(granted: 72, denied: 12)
        let limitedDataUse =
            country.code == "US" && place.region == "CA" && Int.random(in: 0..<100, using: &random) < 10
        let row = CSVText.row([
            id, "co-\(companyIndex + 1)", email, phone, first.written, last.written, place.city, place.region,
            place.postalCode, hasCountry ? country.code : "", userData, personalization,
            limitedDataUse ? "true" : "false",
            RFC3339.format(created, useZ: true), RFC3339.format(updated, useZ: true),
        ])

        var clicks: [String] = []
        func click(_ kind: String, _ value: String) {
            let clickedAt = created.adding(milliseconds: -Int64.random(in: Self.hour...3 * Self.day, using: &random))
            clicks.append(CSVText.row([id, kind, value, RFC3339.format(clickedAt, useZ: true)]))
        }
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 35 {
            click("gclid", "Cj0KCQ" + token(34))
        } else if roll < 38 {
            click("gbraid", "0AAAAA" + token(26))
        } else if roll < 41 {
            click("wbraid", "CkAKCQ" + token(26))
        }
        if Int.random(in: 0..<100, using: &random) < 18 { click("fbclid", "IwAR" + token(40)) }
        if Int.random(in: 0..<100, using: &random) < 12 { click("li_fat_id", uuid()) }
        return (row, clicks)
    }

    private mutating func emailAddress(first: String, last: String, companyIndex: Int, serial: Int) -> String {
        let roll = Int.random(in: 0..<100, using: &random)
        var address: String
        if roll < 65 {
            address = "\(first).\(last)@\(Self.companyDomain(companyIndex))"
        } else if roll < 85 {
            // Personal Gmail: dots and +tags that Google ignores and Meta does not.
            let tag = Bool.random(using: &random) ? "+crm\(serial % 100)" : ""
            address = "\(first).\(last)\(serial)\(tag)@\(Bool.random(using: &random) ? "gmail.com" : "googlemail.com")"
        } else if roll < 98 {
            address = "\(first)\(last)\(serial)@\(["outlook.com", "yahoo.co.uk", "web.de", "orange.fr"][serial % 4])"
        } else {
            return ["n/a", "\(first)@", "\(first) \(last)@gmail.com"][serial % 3]
        }
        let style = Int.random(in: 0..<100, using: &random)
        if style < 12 {
            address = address.prefix(1).uppercased() + address.dropFirst()
        } else if style < 16 {
            address = address.uppercased()
        }
        if Int.random(in: 0..<100, using: &random) < 5 { address = " \(address) " }
        return address
    }

    private mutating func phoneNumber(country: SampleCountry, international: Bool) -> String {
        if Int.random(in: 0..<100, using: &random) < 10 { return "" }
        if Int.random(in: 0..<100, using: &random) < 2 {
            return ["tbd", "see notes", "0"][Int.random(in: 0..<3, using: &random)]
        }
        var national = country.nationalPrefix
        while national.count < country.nationalLength {
            national.append(Character(String(Int.random(in: 0...9, using: &random))))
        }
        var groups: [Substring] = []
        var rest = Substring(national)
        for size in country.grouping where !rest.isEmpty {
            groups.append(rest.prefix(size))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty { groups.append(rest) }
        let style = Int.random(in: 0..<100, using: &random)
        var text: String
        if international || style < 40 {
            text = "+\(country.callingCode) " + groups.joined(separator: " ")
        } else if style < 50 {
            text = "00\(country.callingCode) " + groups.joined(separator: " ")
        } else if country.callingCode == "1" {
            text = style < 75 ? "(\(groups[0])) \(groups[1])-\(groups[2])" : groups.joined(separator: ".")
        } else {
            text = country.trunk + groups.joined(separator: style < 75 ? " " : "-")
        }
        if Int.random(in: 0..<100, using: &random) < 3 { text += " ext. \(Int.random(in: 10...499, using: &random))" }
        return text
    }

    private static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    private mutating func token(_ length: Int) -> String {
        String((0..<length).map { _ in Self.tokenAlphabet[Int.random(in: 0..<64, using: &random)] })
    }

    private mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        let characters = (0..<32).map { _ in hex[Int.random(in: 0..<16, using: &random)] }
        let text = String(characters)
        var parts: [Substring] = []
        var index = text.startIndex
        for length in [8, 4, 4, 4, 12] {
            let end = text.index(index, offsetBy: length)
            parts.append(text[index..<end])
            index = end
        }
        return parts.joined(separator: "-")
    }
}
