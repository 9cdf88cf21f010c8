/// The API keys `revloop serve` accepts, from a file or `REVLOOP_API_KEYS`. A key is never printed: the
/// description is `<redacted>`, and a presented key is compared with every key in constant time, so
/// neither the answer's content nor its timing tells how much of a guess was right.
public struct APIKeys: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Shorter keys are refused when loaded: a key is a random secret, not a password.
    public static let minimumLength = 16

    private let keys: [[UInt8]]

    /// How many keys are accepted.
    public var count: Int { keys.count }

    public var description: String { "<redacted> (\(keys.count) key\(keys.count == 1 ? "" : "s"))" }
    public var debugDescription: String { description }

    /// Keys as they are; `load` and `parse` check them first.
    init(checked keys: [[UInt8]]) { self.keys = keys }

    /// Keys from text, one per line (file) or separated by commas or blanks (environment); lines starting
    /// with `#` and blank lines are skipped. `source` names where the text came from, for the error.
    public static func parse(_ text: String, source: String, separatedByCommas: Bool = false) throws(APIKeysError)
        -> APIKeys
    {
        var keys: [[UInt8]] = []
        // By newline Character: "\r\n" is one, so a file written on Windows splits as it should.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingBlanks
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let pieces =
                separatedByCommas
                ? trimmed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
                : [trimmed]
            for piece in pieces {
                let place = separatedByCommas ? source : "\(source) line \(index + 1)"
                guard piece.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                    throw APIKeysError(
                        "\(place): a key holds a blank or a character outside printable ASCII; "
                            + "keys travel in HTTP headers, use letters, digits and punctuation only")
                }
                guard piece.utf8.count >= minimumLength else {
                    throw APIKeysError(
                        "\(place): a key is shorter than \(minimumLength) characters; "
                            + "use a random key such as the output of `openssl rand -hex 32`")
                }
                keys.append(Array(piece.utf8))
            }
        }
        guard !keys.isEmpty else {
            throw APIKeysError("\(source): holds no key; write one key per line (lines starting with # are skipped)")
        }
        return APIKeys(checked: keys)
    }

    /// Whether `presented` is one of the keys. Every key is compared in full whatever `presented` holds,
    /// so the time depends only on the keys' lengths.
    public func accepts(_ presented: Substring.UTF8View) -> Bool {
        var anyMatch: UInt8 = 0
        for key in keys {
            // Length differs: still walk the whole key, against zeros past the end of `presented`.
            var difference: UInt8 = key.count == presented.count ? 0 : 1
            var cursor = presented.startIndex
            for byte in key {
                let other: UInt8
                if cursor < presented.endIndex {
                    other = presented[cursor]
                    cursor = presented.index(after: cursor)
                } else {
                    other = 0
                }
                difference |= byte ^ other
            }
            anyMatch |= difference == 0 ? 1 : 0
        }
        return anyMatch == 1
    }
}

extension StringProtocol {
    /// Without leading and trailing blanks (spaces, tabs, carriage returns).
    var trimmingBlanks: String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n"]
        guard let first = firstIndex(where: { !blanks.contains($0) }),
            let last = lastIndex(where: { !blanks.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
