/// Name and city normalization before hashing (ad-platforms.md, 2.3; Google's address identifier).
public enum NameNormalizer {
    /// A given or family name: trimmed and lower-cased, accents kept (UTF-8), as both Google and Meta's
    /// SDK hash it. `nil` when nothing is left.
    public static func name(_ raw: String) -> String? {
        let normalized = raw.trimmingASCIIWhitespace().lowercased()
        return normalized.isEmpty ? nil : normalized
    }

    /// A city as Meta's `ct`: lower-cased with digits, spaces, dots, hyphens and brackets removed
    /// (`San Francisco` becomes `sanfrancisco`).
    public static func city(_ raw: String) -> String? {
        let removed: Set<Character> = [" ", "\t", ".", "-", "(", ")"]
        let normalized = raw.lowercased().filter { !removed.contains($0) && !$0.isNumber }
        return normalized.isEmpty ? nil : normalized
    }
}
