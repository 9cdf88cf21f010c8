internal import CLibCrypto

/// SHA-256 through OpenSSL's libcrypto, returning lower-case hex: the form every platform takes.
public enum SHA256 {
    /// The SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex characters.
    public static func hex(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { hex(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 of raw bytes, as its 32 bytes.
    public static func digest(bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            _ = CLibCrypto.SHA256(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, output.baseAddress)
            count = 32
        }
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

    /// The first 8 bytes of the text's SHA-256, big-endian: a fingerprint nobody can aim a collision at
    /// without a preimage attack on SHA-256 (unlike a plain 64-bit hash such as FNV).
    public static func prefix64(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { bytes in
            var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            return withUnsafeMutableBytes(of: &digest) { digestBuffer in
                let output = digestBuffer.bindMemory(to: UInt8.self)
                _ = CLibCrypto.SHA256(bytes.baseAddress, bytes.count, output.baseAddress)
                return output.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            }
        }
    }

    /// Whether the text is already a SHA-256 in lower-case hex (such input passes through unhashed).
    public static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
