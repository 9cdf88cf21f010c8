/// One piece of content a surface can show: where it fits, what it is about, who may see it.
public struct ContentBlock: Hashable, Sendable, Codable {
    public var id: String
    /// Surfaces (`homepage_hero`, `email_footer`, ...) the block fits.
    public var surfaces: [String]
    public var industries: [String]
    public var personas: [String]
    public var funnelStages: [String]
    public var contentType: ContentType
    public var gating: Gating
    public var audience: Audience
    public var rules: [EligibilityRule]
    public var frequencyCap: FrequencyCap?

    public init(
        id: String, surfaces: [String], industries: [String] = [], personas: [String] = [],
        funnelStages: [String] = [], contentType: ContentType = .article, gating: Gating = .ungated,
        audience: Audience = .any, rules: [EligibilityRule] = [], frequencyCap: FrequencyCap? = nil
    ) {
        self.id = id
        self.surfaces = surfaces
        self.industries = industries
        self.personas = personas
        self.funnelStages = funnelStages
        self.contentType = contentType
        self.gating = gating
        self.audience = audience
        self.rules = rules
        self.frequencyCap = frequencyCap
    }
}
