public import RevloopCore
internal import RevloopIdentity

/// Derives operations' dedup keys (see `DedupKey`).
public enum DedupKeys {
    /// `rl1-` and the first 32 hex characters of SHA-256(`family|account|target|connector|deal|stage`).
    /// Both Google paths use the family `google`, so a key survives a switch between them.
    ///
    /// Built from bytes, not string interpolation: a plan derives one per fired stage, millions a run.
    public static func key(
        for goal: ConversionGoal, connector: ConnectorName, deal: DealID, stage: StageID
    ) -> DedupKey {
        var text: [UInt8] = []
        text.reserveCapacity(128)
        let separator = UInt8(ascii: "|")
        text.append(contentsOf: goal.keyFamily.utf8)
        text.append(separator)
        text.append(contentsOf: goal.account.utf8)
        text.append(separator)
        text.append(contentsOf: goal.target.utf8)
        text.append(separator)
        text.append(contentsOf: connector.rawValue.utf8)
        text.append(separator)
        text.append(contentsOf: deal.rawValue.utf8)
        text.append(separator)
        text.append(contentsOf: stage.rawValue.utf8)
        let digest = text.withUnsafeBytes { SHA256.digest(bytes: $0) }
        return DedupKey(
            rawValue: "rl1-"
                + digest.withUnsafeBytes { HexEncoding.lowercase(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) })
    }
}
