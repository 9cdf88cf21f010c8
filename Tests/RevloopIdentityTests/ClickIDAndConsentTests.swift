import RevloopCore
import RevloopIdentity
import Testing

@Suite struct ClickIDAndConsentTests {
    static let conversion = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

    static func click(_ kind: ClickIDKind, _ value: String, hoursBefore: Int64) -> ClickID {
        ClickID(
            contactID: "ct-1", kind: kind, value: value,
            clickedAt: conversion.adding(milliseconds: -hoursBefore * 3_600_000))
    }

    @Test func fbcCarriesTheClickTimeInMilliseconds() {
        let clickedAt = Timestamp(millisecondsSinceEpoch: 1_717_408_800_123)
        #expect(MetaClickParameter.fbc(fbclid: "IwAR2abc", clickedAt: clickedAt) == "fb.1.1717408800123.IwAR2abc")
        #expect(MetaClickParameter.fbc(fbclid: "fb.1.1.IwAR", clickedAt: clickedAt) == "fb.1.1.IwAR")
        #expect(MetaClickParameter.fbc(fbclid: " ", clickedAt: clickedAt) == nil)
    }

    @Test func aGclidWinsOverBraids() {
        let clicks = [Self.click(.gbraid, "g1", hoursBefore: 1), Self.click(.gclid, "c1", hoursBefore: 30)]
        #expect(
            GoogleAdIdentifiers.select(from: clicks, conversionTime: Self.conversion)
                == GoogleAdIdentifiers(gclid: "c1"))
    }

    @Test func neverBothGbraidAndWbraid() {
        let clicks = [Self.click(.gbraid, "g1", hoursBefore: 10), Self.click(.wbraid, "w1", hoursBefore: 2)]
        let selected = GoogleAdIdentifiers.select(from: clicks, conversionTime: Self.conversion)
        #expect(selected == GoogleAdIdentifiers(wbraid: "w1"))
    }

    @Test func clicksAfterTheConversionDoNotCount() {
        let clicks = [Self.click(.gclid, "late", hoursBefore: -1), Self.click(.gclid, "early", hoursBefore: 5)]
        #expect(GoogleAdIdentifiers.select(from: clicks, conversionTime: Self.conversion).gclid == "early")
        #expect(
            GoogleAdIdentifiers.select(
                from: [Self.click(.gclid, "late", hoursBefore: -1)], conversionTime: Self.conversion
            ).isEmpty)
    }

    @Test(arguments: [
        (ConsentState.granted, ConsentPolicy.Unknown.skip, true),
        (.denied, .send, false),
        (.unknown, .send, true),
        (.unknown, .skip, false),
    ])
    func consentDecidesWhetherAnEventIsSent(adUserData: ConsentState, unknown: ConsentPolicy.Unknown, sends: Bool) {
        let consent = Consent(adUserData: adUserData, adPersonalization: .granted, limitedDataUse: false)
        let decision = ConsentPolicy(unknown: unknown).decide(consent, for: .googleDataManager)
        if case .send = decision { #expect(sends) } else { #expect(!sends) }
    }

    @Test func limitedDataUseFlagsOnlyMetaEvents() {
        let consent = Consent(adUserData: .granted, adPersonalization: .granted, limitedDataUse: true)
        let policy = ConsentPolicy(unknown: .skip)
        #expect(policy.decide(consent, for: .meta) == .send(limitedDataUse: true))
        #expect(policy.decide(consent, for: .linkedIn) == .send(limitedDataUse: false))
        #expect(
            policy.decide(Consent.unknown, for: .meta)
                == .skip(reason: "consent unknown (ad_user_data) and the mapping skips unknown consent"))
    }
}
