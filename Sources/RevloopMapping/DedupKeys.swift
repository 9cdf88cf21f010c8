public import RevloopCore
internal import RevloopIdentity

/// Derives operations' dedup keys (see `DedupKey`).
public enum DedupKeys {
    /// `rl1-` and the first 32 hex characters of SHA-256(`family|account|target|connector|deal|stage`).
    /// Both Google paths use the family `google`, so a key survives a switch between them.
    public static func key(
        for goal: ConversionGoal, connector: ConnectorName, deal: DealID, stage: StageID
    ) -> DedupKey {
        let text =
            "\(goal.keyFamily)|\(goal.account)|\(goal.target)|\(connector.rawValue)|\(deal.rawValue)|\(stage.rawValue)"
        return DedupKey(rawValue: "rl1-" + SHA256.hex(text).prefix(32))
    }
}
