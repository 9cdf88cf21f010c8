public import RevloopCore

/// What shapes requests beyond the events: endpoints, versions, test switches and the authorization value.
public struct WireOptions: Hashable, Sendable {
    /// When adjustments are made (Google Ads `adjustmentDateTime`): the run's time, after every conversion.
    public var adjustmentTime: Timestamp
    /// The `Authorization` header's value; plans pass `<redacted>`.
    public var authorization: String
    /// Overrides the platform's base URL (the sandbox emulators), without a trailing slash.
    public var baseURL: String?
    /// Google: ask the API to validate without ingesting.
    public var validateOnly: Bool
    /// Meta: route events to the Test Events tool.
    public var metaTestEventCode: String?
    /// LinkedIn's pinned `LinkedIn-Version` (`YYYYMM`).
    public var linkedInVersion: String
    /// Meta Graph API version in the path.
    public var metaGraphVersion: String
    /// Google Ads API version in the path.
    public var googleAdsVersion: String
    /// At most this many events per request, below the platform's own limit (`batch_size` in revloop.yaml).
    public var batchSize: Int?

    public init(
        adjustmentTime: Timestamp, authorization: String = "<redacted>", baseURL: String? = nil,
        validateOnly: Bool = false,
        metaTestEventCode: String? = nil, linkedInVersion: String = "202611", metaGraphVersion: String = "v26.0",
        googleAdsVersion: String = "v26"
    ) {
        self.adjustmentTime = adjustmentTime
        self.authorization = authorization
        self.baseURL = baseURL
        self.validateOnly = validateOnly
        self.metaTestEventCode = metaTestEventCode
        self.linkedInVersion = linkedInVersion
        self.metaGraphVersion = metaGraphVersion
        self.googleAdsVersion = googleAdsVersion
    }
}
