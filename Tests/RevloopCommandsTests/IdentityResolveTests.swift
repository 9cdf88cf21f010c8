import RevloopIdentity
import Testing

@testable import RevloopCommands

@Suite struct IdentityResolveTests {
    static let hash = "8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d"

    @Test func readsMillisecondsAndRFC3339Times() throws {
        let first = try IdentityResolveCommand.parse("1767225600000,cookie:a,email:\(Self.hash)").get()
        let second = try IdentityResolveCommand.parse("2026-01-01T00:00:00Z,cookie:a,crm:hubspot:1").get()
        #expect(first.time == second.time)
        #expect(second.right == GraphIdentifier(kind: .crm, value: "hubspot:1"))
    }

    @Test(arguments: [
        ("2026-01-01T00:00:00Z,cookie:a,email:jane@example.com", "email values must be SHA-256 hex"),
        ("2026-01-01T00:00:00,cookie:a,cookie:b", "neither epoch milliseconds nor RFC 3339 with a zone"),
        ("1,fax:123,cookie:b", "field 'left' is not type:value"),
        ("1,cookie:a", "expected 3 fields"),
    ])
    func refusesRowsItCannotUseWithoutRepeatingThem(row: String, message: String) {
        guard case .failure(let problem) = IdentityResolveCommand.parse(row) else {
            Issue.record("accepted \(row)")
            return
        }
        #expect(problem.message.contains(message))
        #expect(!problem.message.contains("jane@example.com"))
    }
}
