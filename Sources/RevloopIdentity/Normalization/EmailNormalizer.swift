/// Email normalization before hashing, per platform (ad-platforms.md, 1.8 and 2.3).
public enum EmailNormalizer {
    /// Trimmed and lower-cased, as Meta and LinkedIn hash it; `nil` if it is not one `local@domain.tld`
    /// address (inner whitespace, no `@`, two `@`, no dot in the domain).
    public static func canonical(_ raw: String) -> String? {
        let trimmed = raw.trimmingASCIIWhitespace().lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !trimmed.utf8.contains(where: { $0 == 32 || $0 == 9 })
        else { return nil }
        return trimmed
    }

    /// As Google normalizes it: canonical, and for gmail.com and googlemail.com only, every `.` and any
    /// `+suffix` removed from the local part (`Jane.Doe+crm@GMail.com` becomes `janedoe@gmail.com`).
    public static func google(_ raw: String) -> String? {
        guard let canonical = canonical(raw) else { return nil }
        let parts = canonical.split(separator: "@", omittingEmptySubsequences: false)
        let domain = parts[1]
        guard domain == "gmail.com" || domain == "googlemail.com" else { return canonical }
        let local = parts[0].split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .filter { $0 != "." }
        guard !local.isEmpty else { return nil }
        return local + "@" + domain
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
