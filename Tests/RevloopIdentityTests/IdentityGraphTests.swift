import RevloopIdentity
import RevloopTesting
import Testing

@Suite struct IdentityGraphTests {
    static func id(_ text: String) -> GraphIdentifier {
        GraphIdentifier(text) ?? GraphIdentifier(kind: .cookie, value: text)
    }
    static func edge(_ time: Int64, _ left: String, _ right: String) -> IdentityEdge {
        IdentityEdge(time: time, left: id(left), right: id(right))
    }

    @Test func sharedIdentifiersJoinPersonsTransitively() {
        var graph = IdentityGraph()
        graph.add([
            Self.edge(1, "cookie:a", "email:e1"), Self.edge(2, "email:e1", "crm:hubspot:1"),
            Self.edge(3, "crm:hubspot:1", "phone:p1"),
        ])
        let person = graph.personID(of: Self.id("cookie:a"))
        #expect(person != nil)
        #expect(graph.personID(of: Self.id("phone:p1")) == person)
        let members = ["cookie:a", "email:e1", "crm:hubspot:1", "phone:p1"].map(Self.id)
        let smallest = members.min { $0.fingerprint < $1.fingerprint }
        #expect(person == smallest.flatMap { IdentityGraphTestSupport.personID(of: $0.description) })
        #expect(Set(graph.members(of: Self.id("email:e1"))) == Set(members.map(\.fingerprint)))
        #expect(graph.personID(of: Self.id("cookie:unknown")) == nil)
    }

    @Test func personIDsDoNotDependOnInputOrder() {
        let edges = [
            Self.edge(5, "cookie:b", "email:e2"), Self.edge(1, "cookie:a", "email:e2"),
            Self.edge(3, "email:e2", "crm:sf:9"),
        ]
        var forward = IdentityGraph()
        forward.add(edges)
        var backward = IdentityGraph()
        backward.add(edges.reversed())
        #expect(forward.persons() == backward.persons())
    }

    @Test func aPersonWithManyBrowsersKeepsTheirEmail() {
        var graph = IdentityGraph()
        graph.add(
            [Self.edge(0, "crm:hubspot:1", "email:buyer")]
                + (1...12).map { Self.edge(Int64($0), "cookie:c\($0)", "email:buyer") })
        #expect(!graph.isShared(Self.id("email:buyer")))
        #expect(graph.personID(of: Self.id("cookie:c12")) == graph.personID(of: Self.id("crm:hubspot:1")))
    }

    @Test func anEmailOnTooManyBrowsersLinksNobody() {
        var graph = IdentityGraph(policy: IdentityGraphPolicy(maximumDeviceSharers: 10))
        graph.add((1...11).map { Self.edge(Int64($0), "cookie:c\($0)", "email:test") })
        #expect(graph.isShared(Self.id("email:test")))
        #expect(graph.personID(of: Self.id("cookie:c1")) != graph.personID(of: Self.id("cookie:c2")))
    }

    @Test func aWidelySharedIdentifierLinksNobody() {
        var graph = IdentityGraph(policy: IdentityGraphPolicy(maximumSharers: 3))
        let switchboard = "phone:switchboard"
        graph.add((0..<5).map { Self.edge(Int64($0), "crm:hubspot:\($0)", switchboard) })
        let persons = Set((0..<5).compactMap { graph.personID(of: Self.id("crm:hubspot:\($0)")) })
        #expect(persons.count == 5)
        #expect(graph.isShared(Self.id(switchboard)))
    }

    @Test func twoRecordsOfOneCRMAreNeverOnePerson() {
        var graph = IdentityGraph()
        let report = graph.add([
            Self.edge(1, "crm:hubspot:1", "email:shared"), Self.edge(2, "crm:hubspot:2", "email:shared"),
            Self.edge(3, "crm:salesforce:7", "email:shared"),
        ])
        #expect(report.refusedCRMConflict == 1)
        #expect(graph.personID(of: Self.id("crm:hubspot:1")) != graph.personID(of: Self.id("crm:hubspot:2")))
        #expect(graph.personID(of: Self.id("crm:hubspot:1")) == graph.personID(of: Self.id("crm:salesforce:7")))
    }

    @Test func aSharedDeviceDoesNotJoinTwoKnownPeople() {
        var graph = IdentityGraph()
        let report = graph.add([
            Self.edge(1, "crm:hubspot:1", "email:a"), Self.edge(2, "crm:hubspot:2", "email:b"),
            Self.edge(3, "cookie:kiosk", "email:a"), Self.edge(4, "cookie:kiosk", "email:b"),
        ])
        #expect(report.refusedCRMConflict + report.refusedDeviceBridge == 1)
        #expect(graph.personID(of: Self.id("cookie:kiosk")) == graph.personID(of: Self.id("email:a")))
        #expect(graph.personID(of: Self.id("email:b")) != graph.personID(of: Self.id("email:a")))
    }

    @Test func guardsLiftPrecisionOnANoisyGraphWithoutCostingRecall() {
        let noisy = SyntheticIdentityGraph(persons: 20_000, seed: 3, noise: .learningSpec)
        let clean = SyntheticIdentityGraph(persons: 20_000, seed: 3, noise: .none)
        var ceiling = IdentityGraph(policy: .unguarded)
        ceiling.add(clean.edges)
        var naive = IdentityGraph(policy: .unguarded)
        naive.add(noisy.edges)
        var guarded = IdentityGraph()
        guarded.add(noisy.edges)
        let ceilingScore = clean.score(ceiling)
        let naiveScore = noisy.score(naive)
        let guardedScore = noisy.score(guarded)
        #expect(ceilingScore.precision == 1)
        #expect(naiveScore.precision < 0.6, "the noise is real: naive stitching merges strangers")
        #expect(guardedScore.precision >= 0.95)
        #expect(guardedScore.recall >= ceilingScore.recall - 0.01)
    }
}

enum IdentityGraphTestSupport {
    static func personID(of identifier: String) -> String? {
        guard let parsed = GraphIdentifier(identifier) else { return nil }
        #expect(parsed.fingerprint == SHA256.prefix64(identifier))
        let hex = String(parsed.fingerprint, radix: 16)
        return "p-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
