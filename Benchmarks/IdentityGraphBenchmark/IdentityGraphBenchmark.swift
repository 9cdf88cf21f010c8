import RevloopIdentity
import RevloopTesting

/// Measures the identity graph: quality and throughput on the synthetic marketing graph (learning.md 3.4),
/// naive union-find side by side with the guarded graph in one run; or, with `contacts N`, a graph of N CRM
/// contacts built in batches, for peak memory under `/usr/bin/time -v`.
///
///     REVLOOP_BENCHMARKS=1 swift build -c release --product IdentityGraphBenchmark
///     .build/release/IdentityGraphBenchmark quality 20000
///     /usr/bin/time -v .build/release/IdentityGraphBenchmark contacts 1000000
@main
struct IdentityGraphBenchmark {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let mode = arguments.first ?? "quality"
        let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 20_000
        switch mode {
        case "contacts": contacts(count)
        default: quality(persons: count)
        }
    }

    static func quality(persons: Int) {
        let clean = SyntheticIdentityGraph(persons: persons, seed: 3, noise: .none)
        let noisy = SyntheticIdentityGraph(persons: persons, seed: 3, noise: .learningSpec)
        print("synthetic graph: \(persons) persons, \(noisy.cookieOwners.count) cookies, \(noisy.edges.count) edges")
        let runs: [(String, SyntheticIdentityGraph, IdentityGraphPolicy)] = [
            ("ceiling: union-find on noise-free edges", clean, .unguarded),
            ("naive union-find", noisy, .unguarded),
            ("guarded (default policy)", noisy, IdentityGraphPolicy()),
        ]
        for (label, input, policy) in runs {
            var best = Duration.seconds(1_000)
            var graph = IdentityGraph(policy: policy)
            var report = IdentityGraphReport()
            for _ in 0..<5 {
                var candidate = IdentityGraph(policy: policy)
                let elapsed = ContinuousClock().measure { report = candidate.add(input.edges) }
                if elapsed < best {
                    best = elapsed
                    graph = candidate
                }
            }
            let score = input.score(graph)
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            let rate = Double(input.edges.count) / seconds / 1e6
            print(
                "\(label): precision \(format(score.precision)), recall \(format(score.recall)), largest profile "
                    + "\(score.largestProfile) cookies, \(format(rate, digits: 2)) M edges/s (best of 5), "
                    + "refused: shared \(report.refusedShared), crm \(report.refusedCRMConflict), "
                    + "caps \(report.refusedCaps), device \(report.refusedDeviceBridge)")
        }
    }

    /// N CRM contacts, each a CRM id with an email and (60 %) a phone, 1 % sharing a switchboard number,
    /// added 20,000 edges at a time (a pull commits pages of 2,000 records).
    static func contacts(_ count: Int) {
        var graph = IdentityGraph()
        var batch: [IdentityEdge] = []
        batch.reserveCapacity(20_000)
        var edges = 0
        let clock = ContinuousClock()
        let start = clock.now
        for contact in 0..<count {
            let crm = GraphIdentifier(kind: .crm, value: "hubspot:\(contact)")
            let email = GraphIdentifier(kind: .email, value: SHA256.hex("contact\(contact)@example.com"))
            batch.append(IdentityEdge(time: Int64(contact), left: crm, right: email))
            if contact % 5 < 3 {
                let phone = contact % 100 == 0 ? "+15550000000" : "+1555\(contact)"
                batch.append(
                    IdentityEdge(
                        time: Int64(contact), left: crm, right: GraphIdentifier(kind: .phone, value: SHA256.hex(phone)))
                )
            }
            if batch.count >= 20_000 {
                edges += batch.count
                graph.add(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        edges += batch.count
        graph.add(batch)
        let elapsed = clock.now - start
        print("contacts graph: \(count) contacts, \(edges) edges, \(graph.identifierCount) identifiers in \(elapsed)")
    }

    static func format(_ value: Double, digits: Int = 4) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}
