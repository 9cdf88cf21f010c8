import RevloopIdentity
import Testing

/// Golden vectors per platform, and one test per documented divergence from a reference library
/// (Scripts/conformance/identity.sh counts them over its corpus).
@Suite struct PlatformNormalizerTests {
    static let google = GoogleUserDataNormalizer()
    static let meta = MetaUserDataNormalizer()
    static let linkedIn = LinkedInUserDataNormalizer()

    static func text(
        _ normalizer: any UserDataNormalizer, _ raw: String, _ field: IdentifierField, region: String? = nil
    )
        -> String?
    {
        try? normalizer.normalize(raw, field: field, region: region).get().text
    }

    @Test(arguments: [
        (IdentifierField.email, " Jane.Doe+crm@GMail.com ", "janedoe@gmail.com"),
        (.email, "user.name+NYC@Example.com", "user.name+nyc@example.com"),
        (.phone, "+1 (650) 555-1212", "+16505551212"),
        (.firstName, "  Zoë ", "zoë"),
        (.city, "Washington, D.C.", "washington dc"),
        (.zip, " SW1A 1AA ", "SW1A 1AA"),
        (.country, " gb ", "GB"),
    ])
    func google(field: IdentifierField, raw: String, normalized: String) {
        #expect(Self.text(Self.google, raw, field) == normalized)
    }

    @Test(arguments: [
        (IdentifierField.email, " Jane.Doe+crm@GMail.com ", "jane.doe+crm@gmail.com"),
        (.phone, "+1 (650) 555-1212", "16505551212"),
        (.firstName, "Mary", "mary"),
        (.lastName, "O'Brien", "o'brien"),
        (.city, "San Francisco", "sanfrancisco"),
        (.state, "CA.", "ca"),
        (.zip, "94025-1234", "94025"),
        (.country, " US ", "us"),
    ])
    func meta(field: IdentifierField, raw: String, normalized: String) {
        #expect(Self.text(Self.meta, raw, field) == normalized)
    }

    @Test func metaHashesMatchTheDocumentationsVectors() throws {
        #expect(
            try Self.meta.normalize("john_smith@gmail.com", field: .email, region: nil).get().sha256Hex
                == "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f")
        #expect(
            try Self.meta.normalize("+1 650 555 1212", field: .phone, region: nil).get().sha256Hex
                == "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176")
        #expect(
            try Self.meta.normalize("Mary", field: .firstName, region: nil).get().sha256Hex
                == "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec")
    }

    @Test func linkedInHashesEmailsAndRefusesPhones() {
        #expect(Self.text(Self.linkedIn, " Jane.Doe@Example.com", .email) == "jane.doe@example.com")
        #expect(Self.text(Self.linkedIn, "+16505551212", .phone) == nil)
    }

    @Test(arguments: [IdentifierField.email, .phone, .firstName])
    func anInputThatIsAlreadyAHashPassesThroughUnchanged(field: IdentifierField) throws {
        let hash = "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69"
        for normalizer in [Self.google, Self.meta, Self.linkedIn] as [any UserDataNormalizer]
        where field != .phone
            || !(normalizer is LinkedInUserDataNormalizer)
        {
            #expect(try normalizer.normalize(" \(hash) ", field: field, region: nil).get() == .alreadyHashed(hash))
        }
    }

    // MARK: Documented divergences from the reference libraries

    /// google-ads-datamanager-util's `format_phone_number` keeps a national number without its country
    /// code (`(800) 555-0100` becomes `+8005550100`); Revloop places it.
    @Test func googlePlacesANationalNumberInItsCountry() {
        #expect(Self.text(Self.google, "(800) 555-0100", .phone, region: "US") == "+18005550100")
        #expect(Self.text(Self.google, "020 7946 0123", .phone, region: "GB") == "+442079460123")
    }

    /// facebook-business hashes `020 7031 3000` as `2070313000`, the wrong country; Revloop adds the code.
    @Test func metaPlacesANationalNumberInItsCountry() {
        #expect(Self.text(Self.meta, "020 7031 3000", .phone, region: "GB") == "442070313000")
        #expect(Self.text(Self.meta, "0044 20 7031 3000", .phone, region: nil) == "442070313000")
    }

    /// facebook-business rejects numbers punctuated with dots; Revloop reads them.
    @Test func metaReadsNumbersPunctuatedWithDots() {
        #expect(Self.text(Self.meta, "+32.450.00.52.46", .phone) == "32450005246")
    }

    /// facebook-business's pattern `.+@.+\..+` accepts white space inside an address; Revloop refuses it.
    @Test func metaRefusesAnAddressWithWhiteSpaceInside() {
        #expect(Self.text(Self.meta, "jane doe@gmail.com", .email) == nil)
    }

    /// The Data Manager formatter hashes whatever it is given; Revloop passes an existing SHA-256 through.
    @Test func googlePassesAHashThrough() throws {
        let hash = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"
        #expect(try Self.google.normalize(hash, field: .email, region: nil).get().sha256Hex == hash)
    }

}
