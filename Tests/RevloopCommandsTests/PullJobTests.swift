import Foundation
import RevloopCommands
import RevloopConnectors
import RevloopCore
import RevloopStore
import Testing

@Suite struct PullJobTests {
    /// The bundled sample, pulled into a SQLite store the way `revloop pull` does.
    func pullBundledSample(into storePath: String) async throws -> (SQLiteStore, PullSummary) {
        let project = Project.load(path: RepositoryFiles.root + "/revloop.yaml")
        let store = try SQLiteStore(path: storePath)
        let sources = try project.connectors.map { config throws(ConnectorError) in try CRMSources.make(config) }
        let job = PullJob(
            store: store, sources: sources, asOf: Timestamp(millisecondsSinceEpoch: 1_796_000_000_000),
            identity: IdentityGraphUpdater(store: store))
        return (store, try await job.run())
    }

    @Test func pullingTheBundledSampleTwiceFindsNothingNewTheSecondTime() async throws {
        let folder = RepositoryFiles.temporaryFolder("pull-twice")
        let (store, first) = try await pullBundledSample(into: folder + "/store.sqlite")
        let manifestData = try #require(
            FileManager.default.contents(atPath: RepositoryFiles.root + "/connectors/sample/manifest.json"))
        let manifest = try JSONDecoder().decode(ExportManifest.self, from: manifestData)
        #expect(first.connectors.first?.outcome.deals.inserted == manifest.deals)
        #expect(first.connectors.first?.outcome.contacts.inserted == manifest.contacts)
        #expect(first.rejected == 0)
        let counts = try await store.counts()
        #expect(
            counts.deals == manifest.deals && counts.contacts == manifest.contacts
                && counts.companies == manifest.companies)

        #expect((first.identity?.dirty ?? 0) > 10_000)
        #expect(try await store.persons(of: ["crm:sample:ct-1"])["crm:sample:ct-1"] != nil)
        #expect(try await store.dirtyIdentifiers(limit: 1).isEmpty)

        let (_, second) = try await pullBundledSample(into: folder + "/store.sqlite")
        #expect(second.changed == 0)
        #expect(second.identity?.dirty == 0)
        #expect(second.connectors.first?.recordsRead == 0)
        #expect(try await store.counts() == counts)
    }

    @Test func theStoreHoldsNoPlaintextEmailOrPhone() async throws {
        let folder = RepositoryFiles.temporaryFolder("privacy")
        let storePath = folder + "/store.sqlite"
        _ = try await pullBundledSample(into: storePath)
        let contacts = try String(
            contentsOfFile: RepositoryFiles.root + "/connectors/sample/contacts.csv", encoding: .utf8)
        var emails = Set<String>()
        var phones = Set<String>()
        for line in contacts.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            let email = fields[2].trimmingCharacters(in: .whitespaces).lowercased()
            if email.contains("@"), email.count > 6 { emails.insert(email) }
            let digits = fields[3].filter(\.isNumber)
            if digits.count >= 10 { phones.insert(String(digits)) }
        }
        #expect(emails.count > 4_000 && phones.count > 3_000)
        var haystack: [UInt8] = []
        for suffix in ["", "-wal"] {
            haystack += FileManager.default.contents(atPath: storePath + suffix) ?? Data()
        }
        #expect(haystack.count > 1_000_000)
        let leaks = PlaintextScan(haystack)
        #expect(leaks.emailRuns.filter { run in emails.contains { run.contains($0) } }.isEmpty)
        let phoneLeaks = leaks.digitRuns.filter { run in
            let digits = Array(run)
            return (10...min(15, digits.count)).contains { length in
                (0...(digits.count - length)).contains { phones.contains(String(digits[$0..<($0 + length)])) }
            }
        }
        #expect(phoneLeaks.isEmpty)
    }
}

/// The places in a file's bytes where plaintext could hide: text around every `@`, and every run of
/// ten or more digits (a hash in hex rarely has one; a phone number always does).
struct PlaintextScan {
    var emailRuns: [String] = []
    var digitRuns: [String] = []

    init(_ bytes: [UInt8]) {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isEmailByte(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || [43, 45, 46, 95, 64].contains(byte)
        }
        var index = 0
        var digitStart: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 64 {
                var start = index
                var end = index
                while start > 0, isEmailByte(bytes[start - 1]) { start -= 1 }
                while end + 1 < bytes.count, isEmailByte(bytes[end + 1]) { end += 1 }
                emailRuns.append(String(decoding: bytes[start...end], as: UTF8.self).lowercased())
            }
            if isDigit(byte) {
                if digitStart == nil { digitStart = index }
            } else if let start = digitStart {
                if index - start >= 10 { digitRuns.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                digitStart = nil
            }
            index += 1
        }
    }
}
