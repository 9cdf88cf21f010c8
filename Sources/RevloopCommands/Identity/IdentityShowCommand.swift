internal import ArgumentParser
internal import RevloopCore
internal import RevloopIdentity
internal import RevloopStore

/// `revloop identity show`: a person's linked identifiers, as short fingerprints, never plaintext.
struct IdentityShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the identifiers linked to a contact or a person.",
        discussion: """
            Takes a person id (p-...), an identifier (crm:sample:ct-12, gclid:...), or a contact id with \
            --connector. Prints the person and each linked identifier: CRM records by id, everything else as \
            the first 8 hex digits of a SHA-256 (emails and phones are stored only as hashes).
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "A person id, an identifier (type:value), or a contact id (with --connector).")
    var id: String

    @Option(help: "The connector a bare contact id belongs to.")
    var connector: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Report: Encodable {
        var person: String
        var identifiers: [String]
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let person: String
        if id.hasPrefix("p-") {
            person = id
        } else {
            let identifier: String
            if GraphIdentifier(id) != nil {
                identifier = id
            } else if let connector {
                identifier = IdentityLink.contactSource(connector: ConnectorName(connector), contact: ContactID(id))
            } else {
                throw ValidationError(
                    "'\(id)' is neither a person id (p-...) nor type:value; for a contact id add --connector")
            }
            guard let found = try await store.persons(of: [identifier])[identifier] else {
                output.error("error: \(identifier) is in no person (not pulled yet, or it has no links)")
                throw ExitStatus.runFailed
            }
            person = found
        }
        let members = try await store.identifiers(inPersons: [person])
        guard !members.isEmpty else {
            output.error("error: no person \(person)")
            throw ExitStatus.runFailed
        }
        let report = Report(person: person, identifiers: members.map(Self.fingerprint))
        switch format {
        case .json: try output.json(report)
        case .text: output.result(([person] + report.identifiers.map { "  " + $0 }).joined(separator: "\n"))
        }
    }

    /// CRM records by id; anything else as `kind:` and 8 hex digits of a SHA-256 (of the stored hash for
    /// emails and phones, so nothing printed can be looked up against a hashed list).
    static func fingerprint(_ identifier: String) -> String {
        guard let parsed = GraphIdentifier(identifier) else { return "?" }
        if parsed.kind == .crm { return identifier }
        return "\(parsed.kind.rawValue):\(SHA256.hex(parsed.value).prefix(8))"
    }
}
