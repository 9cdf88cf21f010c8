/// The over-merge guards of the identity graph.
///
/// Deterministic stitching is only as good as its guards: a handful of junk form values or one shared
/// inbox joins hundreds of people (learning.md 3.4). These limits follow the peers' merge protection
/// (Segment's per-type limits, Mixpanel's and Heap's caps), with one more for shared devices.
public struct IdentityGraphPolicy: Hashable, Sendable {
    /// An email or phone linked to more than this many distinct personal identifiers (other emails,
    /// phones, CRM records) is shared (an office switchboard, `team@`, `test@test.com`) and links nobody;
    /// so does a cookie or visitor id that speaks for more people than this (a kiosk).
    public var maximumSharers: Int
    /// An email or phone seen on more than this many distinct devices is shared too: more browsers than
    /// one person plausibly uses, even with Safari's 7-day cookies.
    public var maximumDeviceSharers: Int
    /// At most this many emails, and phones, in one person.
    public var maximumEmailsPerPerson: Int
    public var maximumPhonesPerPerson: Int
    /// Whether a device identifier (cookie, visitor id) may join two people who are each already
    /// identified. Off by default: a shared device is the main source of false merges, and a browser
    /// that speaks for two known people is no evidence that they are one.
    public var devicesJoinIdentifiedPersons: Bool
    /// Whether two records of one CRM connector are kept apart (two HubSpot contacts are two people until
    /// HubSpot merges them).
    public var keepsCRMRecordsApart: Bool

    public init(
        maximumSharers: Int = 8, maximumDeviceSharers: Int = 25, maximumEmailsPerPerson: Int = 5,
        maximumPhonesPerPerson: Int = 3,
        devicesJoinIdentifiedPersons: Bool = false, keepsCRMRecordsApart: Bool = true
    ) {
        self.maximumSharers = maximumSharers
        self.maximumDeviceSharers = maximumDeviceSharers
        self.maximumEmailsPerPerson = maximumEmailsPerPerson
        self.maximumPhonesPerPerson = maximumPhonesPerPerson
        self.devicesJoinIdentifiedPersons = devicesJoinIdentifiedPersons
        self.keepsCRMRecordsApart = keepsCRMRecordsApart
    }

    /// No guards at all: plain connected components (the naive baseline the benchmark compares with).
    public static let unguarded = IdentityGraphPolicy(
        maximumSharers: .max, maximumDeviceSharers: .max, maximumEmailsPerPerson: .max, maximumPhonesPerPerson: .max,
        devicesJoinIdentifiedPersons: true, keepsCRMRecordsApart: false)

    /// Whether an identifier with these distinct links is shared and so links nobody: an email or phone
    /// used by too many people or seen on too many devices, or a cookie or visitor id that speaks for too
    /// many people. CRM records and click ids are never shared.
    public func isShared(_ kind: GraphIdentifier.Kind, personalLinks: Int, deviceLinks: Int) -> Bool {
        switch kind {
        case .email, .phone: personalLinks > maximumSharers || deviceLinks > maximumDeviceSharers
        case .cookie, .visitor: personalLinks > maximumSharers
        case .crm, .gclid, .gbraid, .wbraid, .fbclid, .linkedInFirstPartyID: false
        }
    }
}
