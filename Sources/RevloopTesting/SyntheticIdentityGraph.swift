internal import RevloopCore
public import RevloopIdentity

/// A deterministic marketing identity graph with known truth (learning.md 3.4): persons with cookies,
/// CRM records, emails, phones and click ids, and the noise that breaks naive stitching: junk form
/// values, shared role mailboxes and shared devices.
public struct SyntheticIdentityGraph: Sendable {
    public var edges: [IdentityEdge] = []
    /// Every cookie and the person it truly belongs to.
    public var cookieOwners: [(cookie: GraphIdentifier, person: Int)] = []

    /// The noise to inject, as shares of events or cookies.
    public struct Noise: Sendable {
        /// Share of identify events that carry a junk form value instead of the person's own.
        public var junkValues: Double
        /// Share of cookies that also identify with a role mailbox shared by their company.
        public var roleMailboxes: Double
        /// Share of cookies that also identify as somebody else (a shared device).
        public var sharedDevices: Double

        public static let learningSpec = Noise(junkValues: 0.01, roleMailboxes: 0.005, sharedDevices: 0.02)
        public static let none = Noise(junkValues: 0, roleMailboxes: 0, sharedDevices: 0)

        public init(junkValues: Double, roleMailboxes: Double, sharedDevices: Double) {
            self.junkValues = junkValues
            self.roleMailboxes = roleMailboxes
            self.sharedDevices = sharedDevices
        }
    }

    public init(persons: Int, seed: UInt64, noise: Noise) {
        var random = SeededRandomNumberGenerator(seed: seed)
        func hashed(_ kind: GraphIdentifier.Kind, _ text: String) -> GraphIdentifier {
            GraphIdentifier(kind: kind, value: SHA256.hex(text))
        }
        let junk = [hashed(.email, "test@test.com"), hashed(.phone, "+10000000000"), hashed(.email, "no@email.com")]
        var emailsOf: [[GraphIdentifier]] = []
        var time: Int64 = 1_700_000_000_000
        func tick() -> Int64 {
            time += Int64.random(in: 1...60_000, using: &random)
            return time
        }
        var pending: [IdentityEdge] = []
        for person in 0..<persons {
            let emails = (0..<Int.random(in: 1...2, using: &random)).map {
                hashed(.email, "person\(person).\($0)@example.com")
            }
            emailsOf.append(emails)
            let phone = Double.random(in: 0..<1, using: &random) < 0.6 ? hashed(.phone, "+1555\(person)") : nil
            let crm =
                Double.random(in: 0..<1, using: &random) < 0.7
                ? GraphIdentifier(kind: .crm, value: "hubspot:\(person)") : nil
            if let crm {
                for email in emails { pending.append(IdentityEdge(time: tick(), left: crm, right: email)) }
                if let phone { pending.append(IdentityEdge(time: tick(), left: crm, right: phone)) }
            }
            let company = person / 12
            for index in 0..<Int.random(in: 1...5, using: &random) {
                let cookie = GraphIdentifier(kind: .cookie, value: "c\(person)-\(index)")
                cookieOwners.append((cookie, person))
                for click in 0..<Int.random(in: 0...2, using: &random) {
                    pending.append(
                        IdentityEdge(
                            time: tick(), left: cookie,
                            right: GraphIdentifier(kind: .gclid, value: "g\(person)-\(index)-\(click)")))
                }
                // About half the cookies ever identify; the rest can never be stitched (the recall ceiling).
                guard Bool.random(using: &random) else { continue }
                var own: GraphIdentifier = emails[Int.random(in: 0..<emails.count, using: &random)]
                if let crm, Double.random(in: 0..<1, using: &random) < 0.3 { own = crm }
                if let phone, Double.random(in: 0..<1, using: &random) < 0.15 { own = phone }
                if Double.random(in: 0..<1, using: &random) < noise.junkValues {
                    own = junk[Int.random(in: 0..<junk.count, using: &random)]
                }
                pending.append(IdentityEdge(time: tick(), left: cookie, right: own))
                if Double.random(in: 0..<1, using: &random) < noise.roleMailboxes {
                    pending.append(
                        IdentityEdge(
                            time: tick(), left: cookie, right: hashed(.email, "sales@company\(company).example")))
                }
                if Double.random(in: 0..<1, using: &random) < noise.sharedDevices, persons > 1 {
                    let other = (person + Int.random(in: 1..<persons, using: &random)) % persons
                    let otherEmail = hashed(.email, "person\(other).0@example.com")
                    pending.append(IdentityEdge(time: tick() + 86_400_000, left: cookie, right: otherEmail))
                }
            }
        }
        edges = pending
    }

    /// Pairwise precision and recall over same-person cookie pairs, and the largest person's cookie count.
    public func score(_ graph: IdentityGraph) -> (precision: Double, recall: Double, largestProfile: Int) {
        var clusters: [String: [Int: Int]] = [:]
        var truePairs = 0
        var cookiesPerPerson: [Int: Int] = [:]
        for (cookie, person) in cookieOwners {
            cookiesPerPerson[person, default: 0] += 1
            let predicted = graph.personID(of: cookie) ?? "alone:\(cookie)"
            clusters[predicted, default: [:]][person, default: 0] += 1
        }
        for count in cookiesPerPerson.values { truePairs += count * (count - 1) / 2 }
        var predictedPairs = 0
        var correctPairs = 0
        var largest = 0
        for members in clusters.values {
            let total = members.values.reduce(0, +)
            largest = max(largest, total)
            predictedPairs += total * (total - 1) / 2
            correctPairs += members.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        let precision = predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs)
        let recall = truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs)
        return (precision, recall, largest)
    }
}
