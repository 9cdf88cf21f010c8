internal import Foundation
internal import GRDB
public import RevloopCore
public import RevloopPersonalization

/// Visitor profiles from the store: the identity graph resolves the visitor's id to a person, the
/// person's CRM contacts give firmographics (their company's industry and size), funnel stage (their
/// deals' stages) and the existing-customer flag (a won deal); flags and attributes set on any of the
/// person's identifiers (`personalization_flags`, `personalization_attributes`) apply to the person; the
/// decision log gives the content they engaged with recently.
///
/// A visitor id may be an identifier (`crm:hubspot:123`, `cookie:abc`) or a bare id, read as
/// `visitor:<id>` or `cookie:<id>`. An id the graph has not linked gives a profile from the flags set on
/// it alone: context-only ranking.
public struct StoreProfileSource: ProfileSource {
    let store: SQLiteStore
    let clock: any WallClock
    /// How far back engagement counts as "recently consumed".
    let recentWindowMilliseconds: Int64

    public init(store: SQLiteStore, clock: any WallClock, recentDays: Int = 30) {
        self.store = store
        self.clock = clock
        self.recentWindowMilliseconds = Int64(recentDays) * 86_400_000
    }

    public func profile(visitorID: String) async throws -> VisitorProfile {
        try read(visitorID: visitorID)
    }

    /// A synchronous read: a profile is a few indexed lookups (well under a millisecond), cheaper than the two
    /// thread hops an asynchronous read costs on every decision of the decision API.
    private func read(visitorID: String) throws -> VisitorProfile {
        let since = clock.now().millisecondsSinceEpoch - recentWindowMilliseconds
        do {
            return try store.pool.read { db in try Self.profile(visitorID: visitorID, since: since, db: db) }
        } catch {
            throw StoreError(.databaseFailed, "the store at \(store.path) failed: \(error)")
        }
    }

    static func identifiers(for visitorID: String) -> [String] {
        if let colon = visitorID.firstIndex(of: ":"), !visitorID[..<colon].isEmpty,
            ["cookie", "visitor", "email", "phone", "crm", "gclid", "gbraid", "wbraid", "fbclid", "li_fat_id"]
                .contains(String(visitorID[..<colon]))
        {
            return [visitorID]
        }
        return ["visitor:\(visitorID)", "cookie:\(visitorID)"]
    }

    /// Statements are cached per connection: the decision API reads a profile on every decision, and preparing
    /// (parsing, authorizing) each statement anew cost more than running it.
    static func profile(visitorID: String, since: Int64, db: Database) throws -> VisitorProfile {
        let own = identifiers(for: visitorID)
        let person = try String.fetchOne(
            db.cachedStatement(
                sql: "SELECT person FROM identity_persons WHERE identifier IN (\(placeholders(own.count))) LIMIT 1"),
            arguments: StatementArguments(own))
        var members = own
        if let person {
            members = try String.fetchAll(
                db.cachedStatement(sql: "SELECT identifier FROM identity_persons WHERE person = ?"), arguments: [person]
            )
            members.append(contentsOf: own.filter { !members.contains($0) })
        }
        var profile = VisitorProfile(visitorID: visitorID, personID: person)
        let memberArguments = StatementArguments(members)
        for name in try String.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT DISTINCT flag FROM personalization_flags WHERE identifier IN (\(placeholders(members.count)))"
            ), arguments: memberArguments)
        {
            if let flag = GuardrailFlags(name: name) { profile.flags.insert(flag) }
        }
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT name, value FROM personalization_attributes WHERE identifier IN (\(placeholders(members.count)))
                    ORDER BY identifier
                    """), arguments: memberArguments)
        {
            let name: String = row["name"]
            let value: String = row["value"]
            if name == "lead_score" {
                profile.leadScore = Double(value)
            } else {
                profile.attributes[name] = value
            }
        }
        // CRM contacts of the person: crm:<connector>:<contact id>.
        var hasOpenDeal = false
        var hasWonDeal = false
        for identifier in members where identifier.hasPrefix("crm:") {
            let rest = identifier.dropFirst(4)
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let connector = String(rest[..<colon])
            let contact = String(rest[rest.index(after: colon)...])
            if let company = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT companies.industry, companies.employee_count FROM contacts
                        JOIN companies ON companies.connector = contacts.connector AND companies.id = contacts.company_id
                        WHERE contacts.connector = ? AND contacts.id = ?
                        """), arguments: [connector, contact])
            {
                if let industry: String = company["industry"], profile.attributes["industry"] == nil {
                    profile.attributes["industry"] = industry
                }
                if let employees: Int = company["employee_count"], profile.attributes["company_size"] == nil {
                    profile.attributes["company_size"] = sizeBand(employees)
                }
            }
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT deals.id, stages.is_closed, stages.is_won FROM deal_contacts
                        JOIN deals ON deals.connector = deal_contacts.connector AND deals.id = deal_contacts.deal_id
                        JOIN stages ON stages.connector = deals.connector AND stages.pipeline_id = deals.pipeline_id
                            AND stages.id = deals.stage_id
                        WHERE deal_contacts.connector = ? AND deal_contacts.contact_id = ? AND deals.is_deleted = 0
                        """), arguments: [connector, contact])
            {
                let isClosed: Bool = row["is_closed"]
                let isWon: Bool = row["is_won"]
                if isWon {
                    hasWonDeal = true
                } else if !isClosed {
                    hasOpenDeal = true
                    profile.openDeals.append("\(connector)/\(row["id"] as String)")
                }
            }
        }
        if hasWonDeal { profile.flags.insert(.existingCustomer) }
        if profile.attributes["funnel_stage"] == nil, person != nil || hasWonDeal || hasOpenDeal {
            profile.attributes["funnel_stage"] =
                hasWonDeal
                ? "customer"
                : hasOpenDeal ? "opportunity" : members.contains { $0.hasPrefix("crm:") } ? "lead" : "visitor"
        }
        // Engagement in the window, by any of the person's visitor or cookie ids, newest first.
        let visitorIDs =
            members.compactMap { identifier -> String? in
                for prefix in ["visitor:", "cookie:"] where identifier.hasPrefix(prefix) {
                    return String(identifier.dropFirst(prefix.count))
                }
                return nil
            } + [visitorID]
        profile.recentBlocks = try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT personalization_outcomes.block_id FROM personalization_outcomes
                    JOIN personalization_decisions USING (decision_id)
                    WHERE personalization_decisions.visitor_id IN (\(placeholders(visitorIDs.count)))
                        AND personalization_outcomes.kind = 'engagement' AND personalization_outcomes.reward > 0
                        AND personalization_outcomes.time >= ?
                    GROUP BY personalization_outcomes.block_id
                    ORDER BY MAX(personalization_outcomes.time) DESC LIMIT 20
                    """), arguments: StatementArguments(visitorIDs) + [since])
        return profile
    }

    /// Employee counts as the bands an inventory declares under `company_size`.
    static func sizeBand(_ employees: Int) -> String {
        switch employees {
        case ..<51: "1-50"
        case ..<201: "51-200"
        case ..<1001: "201-1000"
        default: "1001+"
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: Swift.max(count, 1)).joined(separator: ", ")
    }
}
