/// What the engine knows about a visitor beyond the request: the resolved person (anonymous visitor to
/// known contact, across devices), firmographics, funnel stage, lead score, recent content and flags.
///
/// A visitor the identity graph has never linked gets an empty profile and is ranked on context alone.
public struct VisitorProfile: Hashable, Sendable {
    public var visitorID: String
    /// The identity graph's person for the visitor, when resolved.
    public var personID: String?
    /// Known attributes by context feature name (`industry`, `company_size`, `funnel_stage`, `persona`).
    public var attributes: [String: String]
    /// The contact's lead score from 0 to 100, when scored.
    public var leadScore: Double?
    public var flags: GuardrailFlags
    /// Block ids consumed recently (engaged with), newest first.
    public var recentBlocks: [String]
    /// The person's open CRM deals (`connector/deal id`), which a lead score can be read from.
    public var openDeals: [String] = []

    public init(
        visitorID: String, personID: String? = nil, attributes: [String: String] = [:], leadScore: Double? = nil,
        flags: GuardrailFlags = [], recentBlocks: [String] = []
    ) {
        self.visitorID = visitorID
        self.personID = personID
        self.attributes = attributes
        self.leadScore = leadScore
        self.flags = flags
        self.recentBlocks = recentBlocks
    }

    /// An anonymous visitor: context only.
    public static func anonymous(_ visitorID: String) -> VisitorProfile { VisitorProfile(visitorID: visitorID) }

    public var isKnown: Bool { personID != nil }

    /// The context the policy sees: what the surface sent wins, the profile fills the gaps, and the lead
    /// score becomes a band (`lead_score_band`: low < 40 ≤ medium < 70 ≤ high) so it can be a feature.
    public func context(merging request: [String: String]) -> [String: String] {
        var context = attributes
        if let leadScore {
            context["lead_score_band"] = leadScore < 40 ? "low" : leadScore < 70 ? "medium" : "high"
        }
        context["identity"] = isKnown ? "known" : "anonymous"
        for (key, value) in request { context[key] = value }
        return context
    }
}
