import RevloopCore
import RevloopIdentity
import RevloopTesting
import Testing

@Suite struct PassThroughIdentifierTests {
    @Test func metaLeadIDsPassThroughUnhashed() {
        #expect(PassThroughIdentifiers.metaLeadID(" 123456789012345 ") == "123456789012345")
        #expect(PassThroughIdentifiers.metaLeadID("12345") == nil)
        #expect(PassThroughIdentifiers.metaLeadID("12345678901234x") == nil)
    }

    @Test func metaExternalIDIsAStableHashOfTheCRMRecord() {
        let id = PassThroughIdentifiers.metaExternalID(connector: "hubspot", contact: "123")
        #expect(id == SHA256.hex("crm:hubspot:123"))
        #expect(id != PassThroughIdentifiers.metaExternalID(connector: "salesforce", contact: "123"))
    }

    @Test func linkedInTrackingUUIDsPassThrough() {
        #expect(
            PassThroughIdentifiers.linkedInFirstPartyTrackingID("0FB5B0BC-C39B-4315-857D-08844F6A9235")
                == "0fb5b0bc-c39b-4315-857d-08844f6a9235")
        #expect(PassThroughIdentifiers.linkedInFirstPartyTrackingID("not-a-uuid") == nil)
    }

    @Test func googleAddressNeedsAllFourParts() throws {
        var contact = SnapshotFixtures.contact()
        contact.identifiers += [
            HashedIdentifier(kind: .firstName, sha256Hex: SHA256.hex("jane")),
            HashedIdentifier(kind: .lastName, sha256Hex: SHA256.hex("doe")),
        ]
        let address = try #require(GoogleAddressIdentifier.make(for: contact))
        #expect(address.givenNameSHA256 == SHA256.hex("jane"))
        #expect(address.regionCode == "US" && address.postalCode == "94105")
        contact.postalCode = nil
        #expect(GoogleAddressIdentifier.make(for: contact) == nil)
    }
}
