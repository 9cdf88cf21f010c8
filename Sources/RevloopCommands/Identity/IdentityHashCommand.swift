internal import ArgumentParser
internal import Foundation
internal import RevloopIdentity

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// `revloop identity hash`: normalizes and hashes one value per line of stdin for one platform and field.
struct IdentityHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Normalize and hash values from stdin, one per line.",
        discussion: """
            Writes, per input line, the normalized value and its SHA-256 hex separated by a tab, or \
            'error: <reason>' for a value the platform's rules refuse. A value that already is a lower-case \
            hex SHA-256 passes through unchanged. The plaintext goes only to stdout, which you asked for; \
            reasons never repeat the value.

            Example: printf ' Jane.Doe+crm@GMail.com \\n' | revloop identity hash --platform google --kind email
            """)

    enum PlatformChoice: String, ExpressibleByArgument, CaseIterable {
        case google, meta, linkedin
    }

    @Option(help: "The platform whose rules apply: google, meta or linkedin.")
    var platform: PlatformChoice

    @Option(help: "The field: email, phone, first_name, last_name, city, state, zip or country.")
    var kind: String

    @Option(help: "Region (ISO 3166-1 alpha-2) for phone numbers written without a country code.")
    var region: String?

    func validate() throws {
        guard IdentifierField(rawValue: kind) != nil else {
            throw ValidationError(
                "--kind '\(kind)' is not one of: \(IdentifierField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let field = IdentifierField(rawValue: kind) ?? .email
        let normalizer: any UserDataNormalizer =
            switch platform {
            case .google: GoogleUserDataNormalizer()
            case .meta: MetaUserDataNormalizer()
            case .linkedin: LinkedInUserDataNormalizer()
            }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        func flush() {
            output.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = write(STDOUT_FILENO, buffer.baseAddress?.advanced(by: written), buffer.count - written)
                    guard count > 0 else { return }
                    written += count
                }
            }
            output.removeAll(keepingCapacity: true)
        }
        while let line = readLine(strippingNewline: true) {
            switch normalizer.normalize(line, field: field, region: region) {
            case .success(let value):
                output.append(contentsOf: value.text.utf8)
                output.append(9)
                output.append(contentsOf: value.sha256Hex.utf8)
            case .failure(let refusal):
                output.append(contentsOf: "error: \(refusal.reason)".utf8)
            }
            output.append(10)
            if output.count >= 1 << 16 { flush() }
        }
        flush()
    }
}
