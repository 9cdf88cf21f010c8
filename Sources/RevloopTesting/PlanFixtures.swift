public import RevloopCore
internal import RevloopIdentity
internal import RevloopMapping

/// A small world for planner and renderer tests: one pipeline, one contact with every identifier, and
/// goals for each platform read from mapping YAML as a user would write it.
public enum PlanFixtures {
    public static let connector: ConnectorName = "crm"
    /// 2026-11-29T12:00:00Z, the plans' as-of time.
    public static let asOf = Timestamp(millisecondsSinceEpoch: 1_795_953_600_000)

    public static func daysAgo(_ days: Double) -> Timestamp {
        asOf.adding(milliseconds: -Int64(days * 86_400_000))
    }

    public static let pipeline = Pipeline(
        id: "sales", label: "Sales",
        stages: [
            PipelineStage(id: "qualified", label: "Qualified", winProbability: 0.4, isClosed: false, isWon: false),
            PipelineStage(id: "proposal", label: "Proposal", winProbability: 0.7, isClosed: false, isWon: false),
            PipelineStage(id: "won", label: "Closed won", winProbability: 1, isClosed: true, isWon: true),
            PipelineStage(id: "lost", label: "Closed lost", winProbability: 0, isClosed: true, isWon: false),
        ])

    public static func contact(_ id: String = "ct-1", consent: ConsentState = .granted) -> Contact {
        let hasher = [
            (HashedIdentifier.Kind.email, "jane.doe@acme.example"), (.googleEmail, "jane.doe@acme.example"),
            (.phoneE164, "+14155550134"), (.phoneDigits, "14155550134"), (.firstName, "jane"), (.lastName, "doe"),
            (.city, "sanfrancisco"),
        ]
        return Contact(
            id: ContactID(id), companyID: nil,
            identifiers: hasher.map { HashedIdentifier(kind: $0.0, sha256Hex: SHA256.hex($0.1)) }, countryCode: "US",
            region: "CA", postalCode: "94105",
            consent: Consent(adUserData: consent, adPersonalization: consent, limitedDataUse: false),
            createdAt: daysAgo(30), updatedAt: daysAgo(30))
    }

    public static func clicks(_ contact: String = "ct-1") -> [ClickID] {
        [
            ClickID(contactID: ContactID(contact), kind: .gclid, value: "Cj0KCQ-test-gclid", clickedAt: daysAgo(20)),
            ClickID(contactID: ContactID(contact), kind: .fbclid, value: "IwAR-test", clickedAt: daysAgo(20)),
            ClickID(
                contactID: ContactID(contact), kind: .linkedInFirstPartyID,
                value: "0fb5b0bc-c39b-4315-857d-08844f6a9235", clickedAt: daysAgo(20)),
        ]
    }

    /// A deal that entered each `(stage, days ago)` in order, worth `amount` minor units of `currency`.
    public static func deal(
        _ id: String = "d-1", stages: [(String, Double)], amount: Int64? = 1_000_000, currency: CurrencyCode = .usd,
        deleted: Bool = false, lostReason: String? = nil
    ) -> Deal {
        let money = amount.map { Money(minorUnits: $0, currency: currency) }
        let history = stages.map { StageTransition(stageID: StageID($0.0), enteredAt: daysAgo($0.1)) }
        return Deal(
            id: DealID(id), pipelineID: pipeline.id, stageID: history.last?.stageID ?? "qualified", amount: money,
            createdAt: history.first?.enteredAt ?? daysAgo(10), updatedAt: daysAgo(1), closeDate: nil, companyID: nil,
            contactIDs: ["ct-1"], stageHistory: history,
            amountHistory: money.map { [AmountChange(amount: $0, changedAt: daysAgo(10))] } ?? [], isDeleted: deleted,
            lostReason: lostReason)
    }

    /// The mapping YAML of one goal per platform, as a user writes them.
    public static let mappingYAML: [String: String] = [
        "google": """
        name: google-won
        destination: google
        account: "1234567890"
        conversion_action: "987654321"
        trigger: { event: closed_won }
        value: { policy: deal_amount, currency: USD }
        consent: { unknown: skip }
        """,
        "meta": """
        name: meta-stages
        destination: meta
        account: act_1
        dataset: "556677889900"
        trigger: { event: every_stage }
        value: { policy: stage_weighted, currency: USD }
        window_days: 7
        consent: { unknown: send }
        """,
        "linkedin": """
        name: linkedin-stages
        destination: linkedin
        account: "urn:li:sponsoredAccount:1"
        conversion_rule: "12345678"
        trigger: { stages: [proposal, won] }
        value: { policy: stage_weighted, currency: USD, probabilities: { proposal: 0.5 } }
        """,
    ]

    public static let destinations: [String: DestinationConfig] = [
        "google": DestinationConfig(name: "google", platform: .googleDataManager),
        "meta": DestinationConfig(name: "meta", platform: .meta),
        "linkedin": DestinationConfig(name: "linkedin", platform: .linkedIn),
    ]

    /// The mapping named `destination` in `mappingYAML`, read and checked.
    public static func mapping(_ destination: String, yaml: String? = nil) -> MappingConfig? {
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(
            yaml ?? mappingYAML[destination] ?? "", path: "mappings/\(destination).yaml", diagnostics: &diagnostics)
        return MappingConfig.read(document, destinations: destinations, diagnostics: &diagnostics)
    }

    /// Every operation the fixture goal for `platform` plans for `count` won deals (`d-0`, `d-1`, ...),
    /// against `ledger`: the workload of delivery tests. Google Ads uses the Google goal.
    public static func operations(
        deals count: Int, platform: Platform, ledger: [DedupKey: LedgerEntry] = [:]
    ) -> [PlannedOperation] {
        let name =
            switch platform {
            case .googleDataManager, .googleAds: "google"
            case .meta: "meta"
            case .linkedIn: "linkedin"
            }
        guard let mapping = mapping(name) else { return [] }
        let goal = ConversionGoal(mapping: mapping, platform: platform, projectHoldoutShare: 0, holdoutSalt: "test")
        let planner = ConversionPlanner(goals: [goal], rates: ExchangeRateTable(), asOf: asOf)
        return (0..<count).flatMap { index in
            let context = DealContext(
                connector: connector, crmName: "HubSpot",
                deal: deal("d-\(index)", stages: [("proposal", 3), ("won", 1)]),
                pipeline: pipeline, contacts: [contact()], clicks: ["ct-1": clicks()])
            return planner.plan(context) { ledger[$0] }.filter(\.sends)
        }
    }
}
