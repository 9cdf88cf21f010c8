/// One engagement of a contact at a moment: a page viewed, an email opened, a meeting booked. Scoring
/// reads these as of the time of a prediction, so every activity carries its time and none is summarized
/// in advance (a running total would leak what happened after the prediction).
public struct Activity: Hashable, Sendable, Codable {
    public var contactID: ContactID
    public var kind: ActivityKind
    public var occurredAt: Timestamp
    /// For page views: how deep into the content (1 blog, 2 solution page, 3 case study, 4 pricing or demo).
    public var depth: Int?
    /// The visit's marketing channel (`paid_search`, `paid_social`, `organic`, `referral`, `email`, `direct`).
    public var channel: String?
    /// The campaign (UTM campaign) of the visit, when it came from one.
    public var campaign: String?
    /// The referring site's host, never a full URL (a URL can carry personal data in its query).
    public var referrer: String?

    public init(
        contactID: ContactID, kind: ActivityKind, occurredAt: Timestamp, depth: Int? = nil, channel: String? = nil,
        campaign: String? = nil, referrer: String? = nil
    ) {
        self.contactID = contactID
        self.kind = kind
        self.occurredAt = occurredAt
        self.depth = depth
        self.channel = channel
        self.campaign = campaign
        self.referrer = referrer
    }
}
