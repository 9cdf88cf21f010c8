import RevloopCore
import RevloopIdentity
import Testing

@Suite struct HashingTests {
    /// Vectors from the platforms' documentation (ad-platforms.md 1.8 and 2.3), reproduced with hashlib.
    @Test(arguments: [
        ("janedoe@gmail.com", "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69"),
        ("+16505551212", "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8"),
        ("john_smith@gmail.com", "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"),
        ("16505551212", "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"),
        ("mary", "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func sha256MatchesThePlatformsVectors(input: String, hex: String) {
        #expect(SHA256.hex(input) == hex)
        #expect(SHA256.isHexDigest(hex))
    }

    @Test func recognisesOnlyLowercaseHexDigests() {
        #expect(!SHA256.isHexDigest(String(repeating: "A", count: 64)))
        #expect(!SHA256.isHexDigest(String(repeating: "a", count: 63)))
    }
}

@Suite struct EmailNormalizerTests {
    @Test(arguments: [
        (" Jane.Doe+crm@GMail.com ", "jane.doe+crm@gmail.com", "janedoe@gmail.com"),
        (
            "cloudy.sanfrancisco+shopping@gmail.com", "cloudy.sanfrancisco+shopping@gmail.com",
            "cloudysanfrancisco@gmail.com"
        ),
        ("user.name+NYC@Example.com", "user.name+nyc@example.com", "user.name+nyc@example.com"),
        ("J.Doe@googlemail.com", "j.doe@googlemail.com", "jdoe@googlemail.com"),
        ("jane@example.com\u{00A0}", "jane@example.com", "jane@example.com"),
    ])
    func normalizesPerPlatform(raw: String, meta: String, google: String) throws {
        #expect(try MetaUserDataNormalizer().normalize(raw, field: .email, region: nil).get().text == meta)
        #expect(try GoogleUserDataNormalizer().normalize(raw, field: .email, region: nil).get().text == google)
    }

    @Test(arguments: ["n/a", "jane@", "jane doe@gmail.com", "@example.com", "jane@localhost"])
    func metaRefusesWhatIsNotAnAddress(raw: String) {
        #expect(throws: NormalizationRefusal.self) {
            try MetaUserDataNormalizer().normalize(raw, field: .email, region: nil).get()
        }
    }
}

@Suite struct PhoneNormalizerTests {
    @Test(
        arguments: [
            ("(415) 555-0134", "US", "+14155550134"),
            ("1-415-555-0134", "US", "+14155550134"),
            ("+44 20 7946 0123", nil, "+442079460123"),
            ("020 7946 0123", "GB", "+442079460123"),
            ("0044 20 7946 0123", "US", "+442079460123"),
            ("06 12 34 56 78", "FR", "+33612345678"),
            ("06 1234 5678", "IT", "+390612345678"),
            ("030 12345678", "DE", "+493012345678"),
            ("090-1234-5678", "JP", "+819012345678"),
            ("+1 416 577 6787 ext. 395", nil, "+14165776787"),
            ("0412 345 678", "AU", "+61412345678"),
            ("(４１５) ５５５-０１３４", "US", "+14155550134"),
            ("+44 (0)20 7946 0123", nil, "+442079460123"),
        ] as [(String, String?, String)])
    func placesNumbersInE164(raw: String, region: String?, e164: String) {
        #expect(PhoneNormalizer.e164(raw, region: region) == .success(e164))
    }

    @Test(
        arguments: [
            ("tbd", "US", PhoneNormalizer.Refusal.letters),
            ("0", "US", .wrongLength),
            ("", "US", .empty),
            ("020 7946 0123", "KE", .unknownRegion),
            ("020 7946 0123", nil, .unknownRegion),
            ("+1234", nil, .tooShort),
            ("+44 20 7946 0123 45", nil, .wrongLength),
            ("+1 415 555 01345", nil, .wrongLength),
        ] as [(String, String?, PhoneNormalizer.Refusal)])
    func refusesWhatCannotBePlaced(raw: String, region: String?, refusal: PhoneNormalizer.Refusal) {
        #expect(PhoneNormalizer.e164(raw, region: region) == .failure(refusal))
    }
}

@Suite struct ContactIdentifierHasherTests {
    @Test func hashesEachPlatformsFormAndNeverKeepsPlaintext() {
        let hasher = ContactIdentifierHasher(defaultRegion: "US")
        let (identifiers, problems) = hasher.hash(
            .init(
                email: " Jane.Doe+crm@GMail.com ", phone: "(650) 555-1212", firstName: " Zoë ", lastName: "O'Brien",
                city: "San Francisco", countryCode: "US"))
        #expect(problems.isEmpty)
        let byKind = Dictionary(uniqueKeysWithValues: identifiers.map { ($0.kind, $0.sha256Hex) })
        #expect(byKind[.googleEmail] == "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69")
        #expect(byKind[.email] == SHA256.hex("jane.doe+crm@gmail.com"))
        #expect(byKind[.phoneE164] == "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8")
        #expect(byKind[.phoneDigits] == "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176")
        #expect(byKind[.firstName] == SHA256.hex("zoë"))
        #expect(byKind[.lastName] == SHA256.hex("o'brien"))
        #expect(byKind[.city] == SHA256.hex("sanfrancisco"))
        #expect(identifiers.allSatisfy { SHA256.isHexDigest($0.sha256Hex) })
    }

    @Test func reportsRefusedFieldsByNameOnly() {
        let hasher = ContactIdentifierHasher(defaultRegion: "US")
        let (identifiers, problems) = hasher.hash(
            .init(email: "secret-person@", phone: "call me", firstName: nil, lastName: nil, city: nil, countryCode: nil)
        )
        #expect(identifiers.isEmpty)
        #expect(problems.map(\.field) == ["email", "phone"])

    }

    @Test func keepsTheMetaHashWhenGoogleRefusesAGmailTagAlone() {
        let hasher = ContactIdentifierHasher(defaultRegion: "US")
        let (identifiers, problems) = hasher.hash(
            .init(email: "+tag@gmail.com", phone: nil, firstName: nil, lastName: nil, city: nil, countryCode: nil))
        #expect(identifiers.map(\.kind) == [.email])
        #expect(problems.map(\.field) == ["email"])
        #expect(!problems.contains { $0.reason.contains("secret") || $0.reason.contains("call") })
    }
}
