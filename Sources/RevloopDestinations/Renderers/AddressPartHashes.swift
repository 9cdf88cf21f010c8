internal import RevloopIdentity

/// Meta's hashed `zp` and `country`, each normalized and hashed once (see `NormalizationMemo`).
struct AddressPartHashes: Sendable {
    private let memo = NormalizationMemo()

    func hash(_ raw: String, _ field: IdentifierField) -> String? {
        memo.value(field == .zip ? "z" + raw : "c" + raw) {
            guard case .success(let normalized) = MetaUserDataNormalizer().normalize(raw, field: field, region: nil)
            else { return nil }
            return normalized.sha256Hex
        }
    }
}
