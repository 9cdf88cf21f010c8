import RevloopServe
import Testing

@Suite struct APIKeysTests {
    @Test func aFileHoldsOneKeyPerLineWithCommentsAndBlanksSkipped() throws {
        let keys = try APIKeys.parse(
            "# production\n  key-one-0123456789abcdef  \n\n# staging\nkey-two-0123456789abcdef\r\n", source: "keys")
        #expect(keys.count == 2)
        #expect(keys.accepts("key-one-0123456789abcdef"[...].utf8))
        #expect(keys.accepts("key-two-0123456789abcdef"[...].utf8))
    }

    @Test func theEnvironmentSeparatesKeysByCommasOrBlanks() throws {
        let keys = try APIKeys.parse(
            "key-one-0123456789abcdef, key-two-0123456789abcdef key-three-0123456789abc", source: "REVLOOP_API_KEYS",
            separatedByCommas: true)
        #expect(keys.count == 3)
    }

    @Test func aShortKeyIsRefusedWithItsLineAndNeverShown() {
        #expect {
            try APIKeys.parse("key-one-0123456789abcdef\nshort-secret\n", source: "/etc/revloop/keys")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("/etc/revloop/keys line 2: a key is shorter than 16 characters")
                && !text.contains("short-secret")
        }
    }

    @Test func noKeyAtAllIsRefused() {
        #expect(throws: APIKeysError.self) { try APIKeys.parse("# nothing\n\n", source: "keys") }
        #expect {
            try APIKeys.load(file: nil, environment: [:])
        } throws: { error in
            "\(error)".contains("--api-keys-file") && "\(error)".contains("REVLOOP_API_KEYS")
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect {
            try APIKeys.load(file: "/nonexistent/keys.txt", environment: ["REVLOOP_API_KEYS": "ignored-0123456789abc"])
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/keys.txt: cannot be read")
        }
    }

    @Test(arguments: [
        "", "key-one-0123456789abcde", "key-one-0123456789abcdefg", "Key-one-0123456789abcdef",
        "key-one-0123456789abcdeF", "key-two-0123456789abcdef",
    ])
    func onlyTheExactKeyIsAccepted(presented: String) throws {
        let keys = try APIKeys.parse("key-one-0123456789abcdef", source: "keys")
        #expect(!keys.accepts(presented[...].utf8))
        #expect(keys.accepts("key-one-0123456789abcdef"[...].utf8))
    }

    @Test func keysPrintRedacted() throws {
        let keys = try APIKeys.parse("key-one-0123456789abcdef", source: "keys")
        #expect("\(keys)" == "<redacted> (1 key)")
        #expect(String(reflecting: keys) == "<redacted> (1 key)")
    }
}
