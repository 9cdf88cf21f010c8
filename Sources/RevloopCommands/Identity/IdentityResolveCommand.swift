internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopIdentity
internal import RevloopStore

/// `revloop identity resolve`: builds an identity graph from observed links and prints every
/// identifier's person, so the graph can be checked from outside.
struct IdentityResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve observed identifier links (CSV) into persons.",
        discussion: """
            Reads a CSV of links, 'time,left,right', each side written type:value (cookie:abc, \
            email:<sha256>, phone:<sha256>, crm:hubspot:123, gclid:..., visitor:...), with time as an RFC 3339 \
            timestamp or epoch milliseconds; a header line is optional. Writes 'identifier,person_id' for every \
            identifier seen, to stdout. Emails and phones must already be SHA-256 hex (use revloop identity hash). \
            Rows that cannot be read are reported on stderr as file:line: diagnostics and skipped.

            The graph refuses links that would over-merge: an email or phone linked to more than \
            --max-sharers personal identifiers (or seen on more than 25 devices) links nobody, two records of \
            one CRM stay two people, and a cookie does not join two people who are each already identified. A \
            summary of what was refused goes to stderr.

            The links are stored in the project's store under the source 'edges:<file name>' (replacing what an \
            earlier run of the same file stored) and resolved together with the CRM's own links; \
            --in-memory resolves the file alone and stores nothing.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Resolve the file on its own, without reading or writing the store.")
    var inMemory = false

    @Option(help: "The CSV of links (time,left,right).")
    var edges: String

    @Option(help: "An email or phone linked to more than this many emails, phones or CRM records is shared.")
    var maxSharers = 8

    func run() async throws {
        let output = Output(progress: false)
        guard let data = FileManager.default.contents(atPath: edges), let text = String(data: data, encoding: .utf8)
        else {
            throw ValidationError("cannot read --edges \(edges): it does not exist or is not UTF-8 text")
        }
        var links: [IdentityEdge] = []
        var seen: [GraphIdentifier] = []
        var known = Set<GraphIdentifier>()
        var rejected = 0
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if row.isEmpty || (offset == 0 && row.lowercased().hasPrefix("time,")) { continue }
            switch Self.parse(row) {
            case .success(let edge):
                links.append(edge)
                for identifier in [edge.left, edge.right] where known.insert(identifier).inserted {
                    seen.append(identifier)
                }
            case .failure(let problem):
                rejected += 1
                output.diagnostic(
                    Diagnostic(.error, problem.message, at: DiagnosticSource(path: edges, line: offset + 1)))
            }
        }
        let policy = IdentityGraphPolicy(maximumSharers: maxSharers)
        var persons: [String: String] = [:]
        let report: IdentityGraphReport
        if inMemory {
            var graph = IdentityGraph(policy: policy)
            report = graph.add(links)
            for identifier in seen { persons[identifier.description] = graph.personID(of: identifier) }
        } else {
            let loaded = try project.loadProject(output: output)
            guard let config = loaded.config else { throw ExitStatus.configInvalid }
            do {
                let store = try SQLiteStore(path: config.storePath)
                let source = "edges:" + URL(fileURLWithPath: edges).lastPathComponent
                try await store.replaceIdentityLinks(
                    source: source,
                    with: links.map {
                        IdentityLink(
                            $0.left.description, $0.right.description,
                            time: Timestamp(millisecondsSinceEpoch: $0.time))
                    })
                report = try await IdentityGraphUpdater(store: store, policy: policy).update().graph
                persons = try await store.persons(of: seen.map(\.description))
            } catch {
                output.error("error: \(error)")
                throw ExitStatus.runFailed
            }
        }
        var lines = ["identifier,person_id"]
        lines.reserveCapacity(seen.count + 1)
        for identifier in seen { lines.append("\(identifier),\(persons[identifier.description] ?? "")") }
        output.result(lines.joined(separator: "\n"))
        output.error(
            "resolve: \(links.count) links read (\(rejected) rejected), \(seen.count) identifiers, "
                + "\(Set(persons.values).count) persons; refused: "
                + "\(report.refusedShared) through shared identifiers, \(report.refusedCRMConflict) joining two "
                + "records of one CRM, \(report.refusedCaps) over the per-person caps, "
                + "\(report.refusedDeviceBridge) devices joining two known people")
        if rejected > 0 { throw ExitStatus.recordsRejected }
    }

    struct Problem: Error {
        let message: String
    }

    static func parse(_ row: String) -> Result<IdentityEdge, Problem> {
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard fields.count == 3 else {
            return .failure(Problem(message: "expected 3 fields (time,left,right), found \(fields.count)"))
        }
        let time: Int64
        if let milliseconds = Int64(fields[0]) {
            time = milliseconds
        } else if let instant = RFC3339.parse(fields[0]) {
            time = instant.millisecondsSinceEpoch
        } else {
            return .failure(Problem(message: "field 'time' is neither epoch milliseconds nor RFC 3339 with a zone"))
        }
        var sides: [GraphIdentifier] = []
        for (name, text) in [("left", fields[1]), ("right", fields[2])] {
            guard let identifier = GraphIdentifier(text) else {
                let kinds = GraphIdentifier.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(Problem(message: "field '\(name)' is not type:value with a type among \(kinds)"))
            }
            if identifier.kind == .email || identifier.kind == .phone, !SHA256.isHexDigest(identifier.value) {
                return .failure(
                    Problem(
                        message: "field '\(name)': \(identifier.kind.rawValue) values must be SHA-256 hex; "
                            + "hash them first with revloop identity hash"))
            }
            sides.append(identifier)
        }
        return .success(IdentityEdge(time: time, left: sides[0], right: sides[1]))
    }
}
