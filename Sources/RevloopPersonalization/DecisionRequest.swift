/// What a surface asks when it wants content for a visitor now: `POST /v1/decisions` and
/// `revloop personalize rank` both build one.
///
/// The visitor is named by whatever id the surface has (an anonymous cookie id or a known contact id);
/// the engine resolves it through the identity graph, so the request never carries an email or a name.
public struct DecisionRequest: Hashable, Sendable {
    /// The id the surface knows the visitor by (cookie, device or CRM contact id), at most 256 characters.
    public var visitorID: String
    /// Where the content will show (`homepage_hero`, `email_footer`, `in_app_sidebar`); the inventory says
    /// which blocks fit which surface.
    public var surface: String
    /// Context the surface observed now, keyed by feature name (`industry`, `company_size`, `channel`,
    /// `device`, `lifecycle_stage`, `persona`); known profile fields override nothing the surface sends.
    public var context: [String: String]
    /// How many ranked blocks to return, 1 to 20.
    public var limit: Int

    public init(visitorID: String, surface: String, context: [String: String] = [:], limit: Int = 3) {
        self.visitorID = visitorID
        self.surface = surface
        self.context = context
        self.limit = limit
    }
}
