public import RevloopCore

/// Small, hand-written CRM records for tests, with fixed timestamps.
public enum SnapshotFixtures {
    public static let connector: ConnectorName = "fixture"
    /// 2026-11-01T00:00:00Z.
    public static let epoch = Timestamp(millisecondsSinceEpoch: 1_793_491_200_000)

    public static func at(hours: Int64) -> Timestamp { epoch.adding(milliseconds: hours * 3_600_000) }

    public static let pipeline = Pipeline(
        id: "default", label: "Sales",
        stages: [
            PipelineStage(id: "qualified", label: "Qualified", winProbability: 0.3, isClosed: false, isWon: false),
            PipelineStage(id: "won", label: "Won", winProbability: 1, isClosed: true, isWon: true),
            PipelineStage(id: "lost", label: "Lost", winProbability: 0, isClosed: true, isWon: false),
        ])

    public static func company(_ id: String = "co-1", updatedHours: Int64 = 1) -> Company {
        Company(
            id: CompanyID(id), name: "Acme, Inc.", domain: "acme.example", countryCode: "US", industry: "Software",
            employeeCount: 120, createdAt: at(hours: 0), updatedAt: at(hours: updatedHours))
    }

    public static func contact(
        _ id: String = "ct-1", updatedHours: Int64 = 1, emailHash: String = String(repeating: "a", count: 64)
    )
        -> Contact
    {
        Contact(
            id: ContactID(id), companyID: "co-1",
            identifiers: [
                HashedIdentifier(kind: .googleEmail, sha256Hex: emailHash),
                HashedIdentifier(kind: .phoneE164, sha256Hex: String(repeating: "b", count: 64)),
            ], countryCode: "US", region: "CA", postalCode: "94105",
            consent: Consent(adUserData: .granted, adPersonalization: .denied, limitedDataUse: false),
            createdAt: at(hours: 0), updatedAt: at(hours: updatedHours))
    }

    public static func clickID(contact: String = "ct-1", value: String = "Cj0KCQabc") -> ClickID {
        ClickID(contactID: ContactID(contact), kind: .gclid, value: value, clickedAt: at(hours: -2))
    }

    public static func deal(
        _ id: String = "d-1", updatedHours: Int64 = 5, stages: [String] = ["qualified", "won"],
        amount: Int64 = 1_250_000
    ) -> Deal {
        let money = Money(minorUnits: amount, currency: .usd)
        return Deal(
            id: DealID(id), pipelineID: "default", stageID: StageID(stages.last ?? "qualified"), amount: money,
            createdAt: at(hours: 0), updatedAt: at(hours: updatedHours), closeDate: at(hours: updatedHours).utcDay,
            companyID: "co-1", contactIDs: ["ct-1", "ct-2"],
            stageHistory: stages.enumerated().map {
                StageTransition(stageID: StageID($1), enteredAt: at(hours: Int64($0) + 1))
            },
            amountHistory: [AmountChange(amount: money, changedAt: at(hours: 0))], isDeleted: false, lostReason: nil)
    }

    /// One record of every kind.
    public static func fullBatch(connector: ConnectorName = connector) -> SnapshotBatch {
        SnapshotBatch(
            connector: connector, pipelines: [pipeline], companies: [company()], contacts: [contact()],
            clickIDs: [clickID()], deals: [deal()])
    }
}
