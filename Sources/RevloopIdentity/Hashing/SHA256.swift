internal import CLibCrypto

/// SHA-256 through OpenSSL's libcrypto, returning lower-case hex: the form every platform takes.
public enum SHA256 {
    /// The SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex characters.
    public static func hex(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { hex(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 of raw bytes, as 64 lower-case hex characters.
    public static func hex(bytes: UnsafeRawBufferPointer) -> String {
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &digest) { digestBuffer in
            let output = digestBuffer.bindMemory(to: UInt8.self)
            // SHA256() is one-shot and allocation-free; EVP would allocate a context per call.
            _ = CLibCrypto.SHA256(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, output.baseAddress)
            return HexEncoding.lowercase(UnsafeRawBufferPointer(digestBuffer))
        }
    }

    /// Whether the text is already a SHA-256 in lower-case hex (such input passes through unhashed).
    public static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
